import type { KeyRequestStatus } from "@/lib/generated/prisma/enums";

// A request waits 7 days for a decision; once approved, its requester has 7
// more days to reveal the key.
export const REQUEST_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export const REQUEST_STATES = ["pending", "approved", "issued", "denied", "withdrawn", "expired", "lapsed"] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  pending: "Awaiting approval",
  approved: "Approved, not yet revealed",
  issued: "Key issued",
  denied: "Denied",
  withdrawn: "Withdrawn",
  expired: "Expired",
  lapsed: "Lapsed: the key was rotated or deleted",
};

// Open requests past their deadline read as expired; nothing needs to run
// for that to happen.
export function requestState(request: { status: KeyRequestStatus; expiresAt: Date }, now: Date): RequestState {
  const open = request.status === "PENDING" || request.status === "APPROVED";
  if (open && request.expiresAt <= now) return "expired";
  return request.status.toLowerCase() as RequestState;
}

// The where clause for a state, the same rule in SQL.
export function stateWhere(state: RequestState, now: Date) {
  switch (state) {
    case "pending":
      return { status: "PENDING" as const, expiresAt: { gt: now } };
    case "approved":
      return { status: "APPROVED" as const, expiresAt: { gt: now } };
    case "expired":
      return { status: { in: ["PENDING" as const, "APPROVED" as const] }, expiresAt: { lte: now } };
    default:
      return { status: state.toUpperCase() as "ISSUED" | "DENIED" | "WITHDRAWN" | "LAPSED" };
  }
}
