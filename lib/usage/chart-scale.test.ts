import { describe, expect, it } from "vitest";
import { labelledIndexes, linearScale, niceAxis, round, stackSegments } from "./chart-scale";

describe("niceAxis", () => {
  it.each([
    [0, [0, 1]],
    [3, [0, 1, 2, 3]],
    [7, [0, 2, 4, 6, 8]],
    [38, [0, 10, 20, 30, 40]],
    [41, [0, 10, 20, 30, 40, 50]],
    [100, [0, 20, 40, 60, 80, 100]],
    [1_234, [0, 250, 500, 750, 1_000, 1_250]],
    [2_087, [0, 500, 1_000, 1_500, 2_000, 2_500]],
    [26_562, [0, 10_000, 20_000, 30_000]],
  ])("max %d: %j", (max, ticks) => {
    expect(niceAxis(max)).toEqual({ max: ticks.at(-1), ticks });
  });

  it("reaches the data in whole steps, at most `most` of them", () => {
    for (let max = 0; max <= 100_000; max = max * 3 + 1) {
      for (const most of [2, 4, 5]) {
        const axis = niceAxis(max, most);
        const step = axis.ticks[1];
        expect(axis.max).toBeGreaterThanOrEqual(max);
        expect(axis.ticks.length - 1).toBeLessThanOrEqual(most);
        expect(Number.isInteger(step)).toBe(true);
        expect(axis.max - step).toBeLessThan(Math.max(max, 1));
      }
    }
  });
});

describe("linearScale", () => {
  it("maps the domain onto the range, flipped for SVG's y", () => {
    const y = linearScale(200, 100, 0);
    expect(y(0)).toBe(100);
    expect(y(50)).toBe(75);
    expect(y(200)).toBe(0);
    expect(linearScale(10, 0, 56)(5)).toBe(28);
  });

  it("maps an empty domain to the baseline", () => {
    expect(linearScale(0, 100, 0)(0)).toBe(100);
  });
});

describe("stackSegments", () => {
  it("stacks each value on the ones before it", () => {
    expect(stackSegments([3, 0, 2, 5])).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 3 },
      { from: 3, to: 5 },
      { from: 5, to: 10 },
    ]);
    expect(stackSegments([])).toEqual([]);
  });
});

describe("labelledIndexes", () => {
  it("labels evenly, ending at the last bucket", () => {
    expect(labelledIndexes(7, 7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(labelledIndexes(24, 4)).toEqual([5, 11, 17, 23]);
    expect(labelledIndexes(30, 5)).toEqual([5, 11, 17, 23, 29]);
    expect(labelledIndexes(0, 4)).toEqual([]);
    expect(labelledIndexes(3, 0)).toEqual([2]);
  });
});

describe("round", () => {
  it("keeps two decimals", () => {
    expect(round(1 / 3)).toBe(0.33);
    expect(round(2)).toBe(2);
  });
});
