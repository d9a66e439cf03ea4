import { describe, expect, it } from "vitest";
import { NO_REQUESTS } from "./outcome-counts";
import { describeUsage, peakBucket, sumOutcomes } from "./usage-summary";
import { bucketStarts, usageWindow } from "./usage-window";

const window = usageWindow("24h", new Date("2026-11-27T14:35:00Z"));
const empty = bucketStarts(window).map((start) => ({ start, ...NO_REQUESTS }));

function withTraffic(changes: Record<number, Partial<typeof NO_REQUESTS>>) {
  return empty.map((bucket, index) => ({ ...bucket, ...changes[index] }));
}

describe("peakBucket", () => {
  it("finds the busiest bucket, the earliest of equals", () => {
    const buckets = withTraffic({ 3: { allowed: 5 }, 7: { denied: 2, allowed: 3 }, 9: { allowed: 1 } });
    expect(peakBucket(buckets)).toBe(buckets[3]);
  });

  it("finds none without requests", () => {
    expect(peakBucket(empty)).toBeNull();
  });
});

describe("sumOutcomes", () => {
  it("adds each outcome", () => {
    expect(
      sumOutcomes([
        { allowed: 1, denied: 2, revoked: 3, rateLimited: 4 },
        { allowed: 10, denied: 0, revoked: 0, rateLimited: 1 },
      ]),
    ).toEqual({
      allowed: 11,
      denied: 2,
      revoked: 3,
      rateLimited: 5,
    });
  });
});

describe("describeUsage", () => {
  it("gives totals per outcome, clients and the busiest hour", () => {
    const buckets = withTraffic({ 20: { allowed: 1_200, denied: 3 }, 23: { allowed: 4, revoked: 2, rateLimited: 1 } });
    expect(describeUsage({ window, buckets, clients: 3, clientsOverflow: false })).toBe(
      "1,210 requests in the last 24 hours: 1,204 allowed, 3 denied, 3 refused (2 revoked, 1 rate limited), from 3 distinct clients. " +
        "Busiest hour: Nov 27, 11:00–12:00 UTC, 1,203 requests.",
    );
  });

  it("says when the client count is a floor, and names a busiest day", () => {
    const week = usageWindow("7d", new Date("2026-11-27T14:35:00Z"));
    const buckets = bucketStarts(week).map((start, index) => ({ start, ...NO_REQUESTS, allowed: index === 6 ? 1 : 0 }));
    expect(describeUsage({ window: week, buckets, clients: 1, clientsOverflow: true })).toBe(
      "1 request in the last 7 days: 1 allowed, 0 denied, 0 refused (0 revoked, 0 rate limited), from at least 1 distinct client. " +
        "Busiest day: Fri, Nov 27 (UTC), 1 request.",
    );
  });

  it("says so when there were no requests", () => {
    expect(describeUsage({ window, buckets: empty, clients: 0, clientsOverflow: false })).toBe("No requests in the last 24 hours.");
  });
});
