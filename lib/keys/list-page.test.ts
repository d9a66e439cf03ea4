import { describe, expect, it } from "vitest";
import { boundedCount, formatCount, pageWindow, rangeLabel } from "./list-page";

describe("bounded counts", () => {
  it("is exact up to the limit and says + beyond it", () => {
    expect(boundedCount(0, 10_000)).toEqual({ count: 0, more: false });
    expect(boundedCount(10_000, 10_000)).toEqual({ count: 10_000, more: false });
    expect(boundedCount(10_001, 10_000)).toEqual({ count: 10_000, more: true });
    expect(formatCount(boundedCount(10_001, 10_000))).toBe("10,000+");
    expect(formatCount(boundedCount(1_001, 1_000))).toBe("1,000+");
    expect(formatCount(boundedCount(999, 1_000))).toBe("999");
  });

  it("labels the range shown", () => {
    expect(rangeLabel(0, 25, { count: 10_000, more: true })).toBe("1–25 of 10,000+");
    expect(rangeLabel(25, 25, { count: 1234, more: false })).toBe("26–50 of 1,234");
    expect(rangeLabel(0, 0, { count: 0, more: false })).toBe("No keys");
    expect(rangeLabel(50, 0, { count: 50, more: false })).toBe("No more keys");
  });
});

describe("pageWindow", () => {
  it("keeps a page and tells whether the extra row came", () => {
    expect(pageWindow([1, 2, 3], 2, "next")).toEqual({ rows: [1, 2], more: true });
    expect(pageWindow([1, 2], 2, "next")).toEqual({ rows: [1, 2], more: false });
  });

  it("turns rows read backwards around", () => {
    expect(pageWindow([3, 2, 1], 2, "prev")).toEqual({ rows: [2, 3], more: true });
    expect(pageWindow([2, 1], 2, "prev")).toEqual({ rows: [1, 2], more: false });
  });
});
