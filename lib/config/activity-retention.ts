// How many days of per-key activity are kept (scripts/start.ts purges older rows).
export function activityRetentionDays(): number {
  const days = Number(process.env.ACTIVITY_RETENTION_DAYS ?? 30);
  return Number.isFinite(days) && days > 0 ? days : 30;
}
