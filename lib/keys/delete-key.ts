import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { deleteKeyInput } from "./key-input";
import { KEY_NOT_FOUND_MESSAGE } from "./rename-key";

// Deletes (revokes) a key at once. The row stays, without its live name, for
// history; a deleted key never authenticates again.
export async function deleteKey(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ name: string }> {
  assertCan(options.actor, "keys.delete");
  const { keyId } = deleteKeyInput.parse(options.input);
  const organizationId = options.actor.organizationId;
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const { count } = await tx.secretKey.updateMany({
      where: { id: keyId, organizationId, deletedAt: null },
      data: { deletedAt: now, deletedById: options.actor.userId, liveName: null },
    });
    if (count === 0) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
    const key = await tx.secretKey.findFirstOrThrow({
      where: { id: keyId, organizationId },
      select: { id: true, name: true, displayPrefix: true, lastUsedAt: true },
    });
    await recordAuditEvent(tx, {
      actor: options.actor,
      action: "key.deleted",
      key,
      details: { name: key.name, lastUsedAt: key.lastUsedAt?.toISOString() ?? null },
    });
    return { name: key.name };
  });
}
