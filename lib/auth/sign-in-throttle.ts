// Growing delays instead of a lock, so nobody can lock an account out by
// failing on purpose. Each rule counts failures of the last 24 hours; after
// its free failures, the next attempt must wait 1 s after the rule's latest
// failure, then 2 s, 4 s … at most 15 minutes. The rules:
// - pair (this account from this address): one client guessing one account;
// - address (any account from this address): one client spraying accounts;
// - stranger (this account from addresses it never signed in from): many
//   clients guessing one account. An address the account signed in from
//   skips it, so strangers slow down each other, never the owner at home.
export const SIGN_IN_WINDOW_MS = 24 * 60 * 60 * 1000;
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 15 * 60 * 1000;
export const FREE_FAILURES = { pair: 5, address: 20, stranger: 10 } as const;

type Rule = keyof typeof FREE_FAILURES;
export type Failures = { count: number; latestAt: Date | null };
export type FailureCounts = Record<Rule, Failures | null>;
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function delayAfter(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failures - freeFailures), MAX_DELAY_MS);
}

// A null rule does not apply (the stranger rule from a known address).
export function decideSignInThrottle(failures: FailureCounts, now: Date): ThrottleDecision {
  let waitMs = 0;
  for (const rule of Object.keys(FREE_FAILURES) as Rule[]) {
    const counted = failures[rule];
    const delay = counted ? delayAfter(counted.count, FREE_FAILURES[rule]) : 0;
    if (delay === 0 || !counted?.latestAt) continue;
    waitMs = Math.max(waitMs, counted.latestAt.getTime() + delay - now.getTime());
  }
  return waitMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { allowed: true };
}

export type CountedAttempt = { email: string; ipAddress: string; fromKnownAddress: boolean; createdAt: Date };

// Splits the other attempts touching this email or address into the rules.
export function countFailures(attempts: CountedAttempt[], current: { email: string; ipAddress: string; fromKnownAddress: boolean }): FailureCounts {
  const tally = (matches: (attempt: CountedAttempt) => boolean): Failures => {
    const matching = attempts.filter(matches);
    const latest = matching.reduce((max, a) => Math.max(max, a.createdAt.getTime()), -Infinity);
    return { count: matching.length, latestAt: matching.length > 0 ? new Date(latest) : null };
  };
  return {
    pair: tally((a) => a.email === current.email && a.ipAddress === current.ipAddress),
    address: tally((a) => a.ipAddress === current.ipAddress),
    stranger: current.fromKnownAddress ? null : tally((a) => a.email === current.email && !a.fromKnownAddress),
  };
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
