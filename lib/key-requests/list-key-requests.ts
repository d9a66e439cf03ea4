import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { possibleApprovers } from "./approvers";
import { requestState, stateWhere, type RequestState } from "./request-state";

export type KeyRequestRow = Awaited<ReturnType<typeof listKeyRequests>>["requests"][number];

const PAGE_SIZE = 100;

// The organization's requests, newest first, with what the viewer may do
// with each: decide (an approver, not the requester), withdraw or reveal
// (the requester).
export async function listKeyRequests(options: { viewer: Pick<Actor, "userId" | "organizationId">; state: RequestState | "all"; now?: Date }) {
  const now = options.now ?? new Date();
  const organizationId = options.viewer.organizationId;
  const rows = await db().keyRequest.findMany({
    where: { organizationId, ...(options.state === "all" ? {} : stateWhere(options.state, now)) },
    orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE,
    include: { requestedBy: { select: { name: true, email: true } }, decidedBy: { select: { name: true, email: true } } },
  });
  const approversByRequester = new Map<string, Set<string>>();
  const requests = [];
  for (const row of rows) {
    const state = requestState(row, now);
    let canDecide = false;
    if (state === "pending") {
      if (!approversByRequester.has(row.requestedById)) {
        const approvers = await possibleApprovers(db(), organizationId, row.requestedById);
        approversByRequester.set(row.requestedById, new Set(approvers.map((a) => a.userId)));
      }
      canDecide = approversByRequester.get(row.requestedById)!.has(options.viewer.userId);
    }
    const mine = row.requestedById === options.viewer.userId;
    requests.push({
      id: row.id,
      kind: row.kind,
      keyId: row.keyId,
      name: row.name,
      environment: row.environment,
      scopes: row.scopes,
      permission: row.permission,
      expiresInDays: row.expiresInDays,
      grace: row.grace,
      reason: row.reason,
      requestedBy: row.requestedBy,
      requestedAt: row.requestedAt,
      expiresAt: row.expiresAt,
      decidedBy: row.decidedBy,
      decidedAt: row.decidedAt,
      denialReason: row.denialReason,
      issuedKeyId: row.issuedKeyId,
      state,
      canDecide,
      canWithdraw: mine && (state === "pending" || state === "approved"),
      canReveal: mine && state === "approved",
    });
  }
  const counts = await db().keyRequest.count({ where: { organizationId, ...stateWhere("pending", now) } });
  return { requests, pendingCount: counts, truncated: rows.length === PAGE_SIZE };
}
