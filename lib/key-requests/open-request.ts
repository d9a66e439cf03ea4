import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requestState, REQUEST_STATE_LABELS } from "./request-state";

export const REQUEST_NOT_FOUND = "This request does not exist in your organization.";

// The request, locked for this transaction so two decisions or two reveals
// run one after the other; scoped to the caller's organization.
export async function lockRequest(tx: Prisma.TransactionClient, actor: Actor, requestId: string) {
  await tx.$executeRaw`SELECT 1 FROM "KeyRequest" WHERE "id" = ${requestId} AND "organizationId" = ${actor.organizationId} FOR UPDATE`;
  const request = await tx.keyRequest.findFirst({ where: { id: requestId, organizationId: actor.organizationId } });
  if (!request) throw new AppError("NOT_FOUND", REQUEST_NOT_FOUND);
  return request;
}

// Refuses a request that is no longer in the state an operation needs.
export function assertState(
  request: { status: Parameters<typeof requestState>[0]["status"]; expiresAt: Date },
  now: Date,
  wanted: "pending" | "approved" | "open",
) {
  const state = requestState(request, now);
  const ok = wanted === "open" ? state === "pending" || state === "approved" : state === wanted;
  if (!ok)
    throw new AppError(
      "CONFLICT",
      `This request is no longer ${wanted === "approved" ? "waiting to be revealed" : "open"}: ${REQUEST_STATE_LABELS[state].toLowerCase()}.`,
    );
}
