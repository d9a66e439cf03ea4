import { describe, expect, it } from "vitest";
import { isStale } from "./staleness";

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
