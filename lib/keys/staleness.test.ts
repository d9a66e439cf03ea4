import { describe, expect, it } from "vitest";
import { isStale, stalenessStatus } from "./staleness";

const now = new Date("2026-06-01T00:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe("isStale", () => {
  it.each([
    ["used yesterday", daysAgo(400), daysAgo(1), false],
    ["used 89 days ago", daysAgo(400), daysAgo(89), false],
    ["used 91 days ago", daysAgo(400), daysAgo(91), true],
    ["never used, created 6 days ago", daysAgo(6), null, false],
    ["never used, created 8 days ago", daysAgo(8), null, true],
  ])("%s: %s", (_label, createdAt, lastUsedAt, stale) => {
    expect(isStale({ createdAt, lastUsedAt }, now)).toBe(stale);
  });
});

describe("stalenessStatus", () => {
  it.each([
    ["used 2 days ago", daysAgo(400), daysAgo(2), "recent"],
    ["used 7 days ago to the millisecond", daysAgo(400), daysAgo(7), "recent"],
    ["used 8 days ago", daysAgo(400), daysAgo(8), "idle"],
    ["used 89 days ago", daysAgo(400), daysAgo(89), "idle"],
    ["used 91 days ago", daysAgo(400), daysAgo(91), "stale"],
    ["never used, created 6 days ago", daysAgo(6), null, "new"],
    ["never used, created 8 days ago", daysAgo(8), null, "unused"],
  ] as const)("%s: %s", (_label, createdAt, lastUsedAt, status) => {
    expect(stalenessStatus({ createdAt, lastUsedAt }, now)).toBe(status);
  });

  it("calls stale exactly the keys isStale finds", () => {
    for (const created of [1, 6, 8, 400]) {
      for (const used of [null, 0, 6, 7, 8, 89, 90, 91, 365]) {
        const key = { createdAt: daysAgo(created), lastUsedAt: used === null ? null : daysAgo(used) };
        expect(["stale", "unused"].includes(stalenessStatus(key, now))).toBe(isStale(key, now));
      }
    }
  });
});
