import type { Actor } from "@/lib/auth/actor";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { announce, requestForEvent } from "./announce";
import { mayApproveAny, possibleApprovers } from "./approvers";
import { decideKeyRequestInput } from "./key-request-input";
import { assertState, lockRequest } from "./open-request";
import { REQUEST_WINDOW_MS } from "./request-state";

const NOT_AN_APPROVER = "Only the organization's approvers can decide key requests.";

// Approves or denies a pending request. The row lock makes two approvers
// deciding at once take turns: the second finds it decided. Approval issues
// nothing yet: the requester reveals the key, the only time its secret exists.
export async function decideKeyRequest(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ state: "approved" | "denied" }> {
  const input = decideKeyRequestInput.parse(options.input);
  const { actor } = options;
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    // Waits for a role change, a removal or a change of approvers in
    // progress (they hold this row FOR NO KEY UPDATE), and holds them off
    // until the decision commits: whether the decider may approve is read
    // as it is now, never as the session started. FOR SHARE does not hold
    // back rows that merely reference the organization.
    await tx.$executeRaw`SELECT 1 FROM "Organization" WHERE "id" = ${actor.organizationId} FOR SHARE`;
    if (!(await mayApproveAny(tx, actor))) throw new AppError("FORBIDDEN", NOT_AN_APPROVER);
    const request = await lockRequest(tx, actor, input.requestId);
    if (request.requestedById === actor.userId) throw new AppError("FORBIDDEN", "You made this request, so someone else has to decide it.");
    assertState(request, now, "pending");
    const approvers = await possibleApprovers(tx, actor.organizationId, request.requestedById);
    if (!approvers.some((approver) => approver.userId === actor.userId)) throw new AppError("FORBIDDEN", NOT_AN_APPROVER);

    const approved = input.decision === "approve";
    if (approved) assertReauthenticated(actor, "key.approve", {}, now);
    const decided = await tx.keyRequest.update({
      where: { id: request.id, organizationId: actor.organizationId },
      data: approved
        ? { status: "APPROVED", decidedById: actor.userId, decidedAt: now, expiresAt: new Date(now.getTime() + REQUEST_WINDOW_MS) }
        : { status: "DENIED", decidedById: actor.userId, decidedAt: now, denialReason: input.reason, liveName: null },
      include: { requestedBy: { select: { email: true } } },
    });
    await recordAuditEvent(tx, {
      actor,
      action: approved ? "key.approved" : "key.denied",
      details: {
        requestId: request.id,
        kind: request.kind,
        name: request.name,
        requestedById: request.requestedById,
        ...(approved ? {} : { reason: input.reason }),
      },
    });
    await announce(tx, {
      organizationId: actor.organizationId,
      requestId: request.id,
      to: [{ userId: request.requestedById, email: decided.requestedBy.email }],
      title: approved ? `Approved: “${request.name}”` : `Denied: “${request.name}”`,
      body: approved
        ? `${actor.label} approved your request. Reveal the key on the Key requests page within 7 days; its secret is shown once, to you.`
        : `${actor.label} denied your request. Reason: ${input.decision === "deny" ? input.reason : ""}`,
      event: approved ? "key.approved" : "key.denied",
      data: { request: requestForEvent(request), by: actor.label, ...(approved ? {} : { reason: input.decision === "deny" ? input.reason : "" }) },
    });
    return { state: approved ? "approved" : "denied" };
  });
}
