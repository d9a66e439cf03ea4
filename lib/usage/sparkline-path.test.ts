import { describe, expect, it } from "vitest";
import { sparklinePath } from "./sparkline-path";

const box = { width: 56, height: 16, inset: 1 };

describe("sparklinePath", () => {
  it("runs from the left edge to the right, the peak at the top", () => {
    expect(sparklinePath([0, 5, 10], box)).toBe("M1,15L28,8L55,1");
  });

  it("spaces seven days evenly", () => {
    const path = sparklinePath([1, 2, 3, 4, 5, 6, 7], box);
    expect(path.match(/[ML]/g)).toHaveLength(7);
    expect(path.startsWith("M1,")).toBe(true);
    expect(path).toContain("L55,1");
    expect(path).toContain("L10,");
  });

  it("lays a week without requests flat on the bottom", () => {
    expect(sparklinePath([0, 0, 0], box)).toBe("M1,15L28,15L55,15");
  });

  it("draws one value as a level line and nothing for none", () => {
    expect(sparklinePath([4], box)).toBe("M1,1H55");
    expect(sparklinePath([], box)).toBe("");
  });

  it("keeps coordinates short", () => {
    expect(sparklinePath([1, 3, 2], { width: 10, height: 10, inset: 0 })).toBe("M0,6.67L5,0L10,3.33");
  });
});
