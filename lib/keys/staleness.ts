// A key is stale when it has not been used for 90 days, or was never used
// and is older than a week: the keys a regular audit should question.
export const STALE_AFTER_DAYS = 90;
export const NEVER_USED_GRACE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export function staleThresholds(now: Date): { lastUsedBefore: Date; createdBefore: Date } {
  return {
    lastUsedBefore: new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS),
    createdBefore: new Date(now.getTime() - NEVER_USED_GRACE_DAYS * DAY_MS),
  };
}

export function isStale(key: { createdAt: Date; lastUsedAt: Date | null }, now: Date): boolean {
  const { lastUsedBefore, createdBefore } = staleThresholds(now);
  return key.lastUsedAt ? key.lastUsedAt < lastUsedBefore : key.createdAt < createdBefore;
}
