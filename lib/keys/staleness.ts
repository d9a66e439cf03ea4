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

// Where a live key stands on use, for the Usage page: the two stale kinds
// are exactly the keys isStale finds.
export const STALENESS_STATUSES = ["recent", "idle", "stale", "new", "unused"] as const;
export type StalenessStatus = (typeof STALENESS_STATUSES)[number];
export const RECENT_USE_DAYS = 7;

export const STALENESS_LABELS: Record<StalenessStatus, string> = {
  recent: `Used in the last ${RECENT_USE_DAYS} days`,
  idle: `Last used ${RECENT_USE_DAYS} to ${STALE_AFTER_DAYS} days ago`,
  stale: `Stale: unused for ${STALE_AFTER_DAYS} days or more`,
  new: `Never used, created in the last ${NEVER_USED_GRACE_DAYS} days`,
  unused: `Stale: never used, older than ${NEVER_USED_GRACE_DAYS} days`,
};

export function recentUseSince(now: Date): Date {
  return new Date(now.getTime() - RECENT_USE_DAYS * DAY_MS);
}

export function stalenessStatus(key: { createdAt: Date; lastUsedAt: Date | null }, now: Date): StalenessStatus {
  const { lastUsedBefore, createdBefore } = staleThresholds(now);
  if (!key.lastUsedAt) return key.createdAt < createdBefore ? "unused" : "new";
  if (key.lastUsedAt < lastUsedBefore) return "stale";
  return key.lastUsedAt >= recentUseSince(now) ? "recent" : "idle";
}
