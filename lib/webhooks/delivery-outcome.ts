import type { PostOutcome } from "./post-webhook";

export const DESTINATION_NOT_ALLOWED = "destination not allowed";
export const COULD_NOT_CONNECT = "could not connect";

export type AttemptRecord = { ok: boolean; giveUp: boolean; statusCode: number | null; error: string | null };

// What one attempt leaves on the delivery, for the Security page, the
// incident and the test button. Only these generic reasons: node's error
// text (ECONNREFUSED vs a timeout, addresses, ports) would let an owner map
// which ports answer wherever the URL points. A refused destination is not
// retried: it stays refused until the URL changes.
export function attemptRecord(outcome: PostOutcome): AttemptRecord {
  switch (outcome.kind) {
    case "answered": {
      const ok = outcome.status >= 200 && outcome.status < 300;
      return { ok, giveUp: false, statusCode: outcome.status, error: ok ? null : `HTTP ${outcome.status}` };
    }
    case "refused":
      return { ok: false, giveUp: true, statusCode: null, error: DESTINATION_NOT_ALLOWED };
    case "unreachable":
      return { ok: false, giveUp: false, statusCode: null, error: COULD_NOT_CONNECT };
  }
}
