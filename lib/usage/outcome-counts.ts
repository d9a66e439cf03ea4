// Requests by outcome. "Refused" covers a revoked key and a rate limit: the
// key itself stood in the way, not the permission of the request.
export type OutcomeCounts = { allowed: number; denied: number; revoked: number; rateLimited: number };

export const OUTCOME_SERIES = ["allowed", "denied", "revoked", "rateLimited"] as const satisfies readonly (keyof OutcomeCounts)[];

export const OUTCOME_LABELS: Record<keyof OutcomeCounts, string> = {
  allowed: "Allowed",
  denied: "Denied",
  revoked: "Refused: revoked",
  rateLimited: "Refused: rate limited",
};

export const NO_REQUESTS: OutcomeCounts = { allowed: 0, denied: 0, revoked: 0, rateLimited: 0 };

export function requestTotal(counts: OutcomeCounts): number {
  return counts.allowed + counts.denied + counts.revoked + counts.rateLimited;
}

export function addOutcomes(a: OutcomeCounts, b: OutcomeCounts): OutcomeCounts {
  return { allowed: a.allowed + b.allowed, denied: a.denied + b.denied, revoked: a.revoked + b.revoked, rateLimited: a.rateLimited + b.rateLimited };
}
