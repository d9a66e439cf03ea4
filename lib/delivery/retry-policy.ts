// How outgoing deliveries (webhooks, emails) are retried: 6 attempts, waiting
// 1, 2, 4, 8, 16 seconds between them (capped at 60).
export const MAX_ATTEMPTS = 6;

export function backoffSeconds(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

export type DeliveryStatus = "pending" | "delivered" | "failed";

// A delivery's state after one more attempt. giveUp ends it at once (nothing
// to send to any more).
export function afterAttempt(options: { attemptsBefore: number; ok: boolean; giveUp?: boolean; now: Date }) {
  const attempts = options.attemptsBefore + 1;
  const exhausted = !options.ok && (options.giveUp === true || attempts >= MAX_ATTEMPTS);
  const status: DeliveryStatus = options.ok ? "delivered" : exhausted ? "failed" : "pending";
  return {
    attempts,
    status,
    deliveredAt: options.ok ? options.now : null,
    nextAttemptAt: status === "pending" ? new Date(options.now.getTime() + backoffSeconds(attempts) * 1000) : null,
  };
}
