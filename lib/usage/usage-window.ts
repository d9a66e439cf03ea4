// The periods usage is shown for, and the UTC buckets each is cut into.
export const USAGE_RANGES = ["24h", "7d", "30d"] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];
export type BucketUnit = "hour" | "day";

export const UNIT_MS: Record<BucketUnit, number> = { hour: 3_600_000, day: 86_400_000 };

const BUCKETS: Record<UsageRange, { unit: BucketUnit; count: number }> = {
  "24h": { unit: "hour", count: 24 },
  "7d": { unit: "day", count: 7 },
  "30d": { unit: "day", count: 30 },
};

export const RANGE_LABELS: Record<UsageRange, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" };

// start is the first bucket's start, end the current bucket's end: the last
// bucket is the current hour or UTC day, still filling.
export type UsageWindow = { range: UsageRange; unit: BucketUnit; bucketCount: number; start: Date; end: Date };

export function usageWindow(range: UsageRange, now: Date): UsageWindow {
  const { unit, count } = BUCKETS[range];
  const size = UNIT_MS[unit];
  // UTC has no daylight saving, so hours and days are fixed lengths of time.
  const end = (Math.floor(now.getTime() / size) + 1) * size;
  return { range, unit, bucketCount: count, start: new Date(end - count * size), end: new Date(end) };
}

export function bucketStarts(window: UsageWindow): Date[] {
  const size = UNIT_MS[window.unit];
  return Array.from({ length: window.bucketCount }, (_, index) => new Date(window.start.getTime() + index * size));
}

// The start of the last bucket (generate_series includes its upper bound).
export function lastBucketStart(window: UsageWindow): Date {
  return new Date(window.end.getTime() - UNIT_MS[window.unit]);
}

// The note a chart needs when activity is not kept for its whole period.
export function retentionNote(window: UsageWindow, retentionDays: number): string | null {
  const days = (window.end.getTime() - window.start.getTime()) / UNIT_MS.day;
  return days > retentionDays ? `Activity is kept ${retentionDays} days, so earlier days show no requests.` : null;
}

// A range from the URL; anything else is the fallback (a URL is not a form).
export function parseUsageRange<R extends UsageRange>(value: unknown, allowed: readonly R[], fallback: R): R {
  const first = Array.isArray(value) ? value[0] : value;
  return allowed.find((range) => range === first) ?? fallback;
}
