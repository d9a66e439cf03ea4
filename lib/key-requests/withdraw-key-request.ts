import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requestOnlyInput } from "./key-request-input";
import { assertState, lockRequest } from "./open-request";

// The requester takes back an open request; an approval not yet revealed
// lapses with it.
export async function withdrawKeyRequest(options: { actor: Actor; input: unknown; now?: Date }): Promise<void> {
  const { requestId } = requestOnlyInput.parse(options.input);
  const now = options.now ?? new Date();
  await db().$transaction(async (tx) => {
    const request = await lockRequest(tx, options.actor, requestId);
    if (request.requestedById !== options.actor.userId) throw new AppError("FORBIDDEN", "Only the person who made a request can withdraw it.");
    assertState(request, now, "open");
    await tx.keyRequest.update({
      where: { id: request.id, organizationId: options.actor.organizationId },
      data: { status: "WITHDRAWN", withdrawnAt: now, liveName: null },
    });
    await recordAuditEvent(tx, {
      actor: options.actor,
      action: "key.request_withdrawn",
      details: { requestId: request.id, kind: request.kind, name: request.name },
    });
  });
}
