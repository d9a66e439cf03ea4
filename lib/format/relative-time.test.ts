import { describe, expect, it } from "vitest";
import { exactUtc, relativeTime } from "./relative-time";

const now = new Date("2026-03-10T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("relativeTime", () => {
  it.each([
    [10_000, "just now"],
    [5 * 60_000, "5 minutes ago"],
    [3 * 3_600_000, "3 hours ago"],
    [86_400_000, "yesterday"],
    [3 * 86_400_000, "3 days ago"],
    [14 * 86_400_000, "2 weeks ago"],
    [95 * 86_400_000, "3 months ago"],
    [800 * 86_400_000, "2 years ago"],
    [-90 * 86_400_000, "in 3 months"],
  ])("%i ms ago reads %s", (ms, text) => {
    expect(relativeTime(ago(ms), now)).toBe(text);
  });
});

describe("exactUtc", () => {
  it("prints seconds precision in UTC", () => {
    expect(exactUtc(new Date("2026-03-10T12:34:56.789Z"))).toBe("2026-03-10 12:34:56 UTC");
  });
});
