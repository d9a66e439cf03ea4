import { describe, expect, it } from "vitest";
import { walkRowsInRankOrder } from "./list-keys-sql";

const rows = (...pairs: [string, number][]) => pairs.map(([group, rank]) => ({ group, rank }));
const inOrder = (list: { group: string; rank: number }[]) => walkRowsInRankOrder(list, (row) => row.group);

describe("walkRowsInRankOrder", () => {
  it("accepts each group's ranks 1, 2, 3… in turn", () => {
    expect(inOrder([])).toBe(true);
    expect(inOrder(rows(["a", 1], ["a", 2], ["b", 1], ["c", 1], ["c", 2], ["c", 3]))).toBe(true);
  });

  it("refuses rows out of order within a group, a gap, or a group not starting at 1", () => {
    expect(inOrder(rows(["a", 2], ["a", 1]))).toBe(false);
    expect(inOrder(rows(["a", 1], ["a", 3]))).toBe(false);
    expect(inOrder(rows(["a", 1], ["b", 2]))).toBe(false);
    expect(inOrder(rows(["a", 1], ["a", 2], ["b", 1], ["b", 1]))).toBe(false);
  });
});
