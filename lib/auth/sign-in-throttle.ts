// How many failed sign-ins a window tolerates before refusing further tries.
// Per account it stops password guessing on one user; per address it stops
// one client spraying many accounts.
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type FailureHistory = {
  // Times of failures inside the window, oldest first.
  accountFailures: Date[];
  addressFailures: Date[];
};

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

function retryAfter(failures: Date[], limit: number, now: Date): number | undefined {
  if (failures.length < limit) return undefined;
  // The attempt is allowed again once enough failures have left the window.
  const unblockingFailure = failures[failures.length - limit];
  const unblockAt = unblockingFailure.getTime() + SIGN_IN_WINDOW_MS;
  return Math.max(1, Math.ceil((unblockAt - now.getTime()) / 1000));
}

export function decideSignInThrottle(history: FailureHistory, now: Date): ThrottleDecision {
  const waits = [
    retryAfter(history.accountFailures, MAX_FAILURES_PER_ACCOUNT, now),
    retryAfter(history.addressFailures, MAX_FAILURES_PER_ADDRESS, now),
  ].filter((wait): wait is number => wait !== undefined);
  if (waits.length === 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(...waits) };
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
