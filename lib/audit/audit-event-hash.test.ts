import { describe, expect, it } from "vitest";
import { jsonbText, numericText } from "./audit-event-hash";

describe("numericText", () => {
  it.each([
    [1e-7, "0.0000001"],
    [-2.5e-8, "-0.000000025"],
    [1e21, "1000000000000000000000"],
    [1.5e22, "15000000000000000000000"],
    [123, "123"],
    [-0.000001, "-0.000001"],
    [1 / 3, "0.3333333333333333"],
  ])("%s -> %s", (value, text) => {
    expect(numericText(value)).toBe(text);
  });
});

describe("jsonbText", () => {
  it("orders keys by length, then bytes, and spaces separators as PostgreSQL does", () => {
    expect(jsonbText({ bb: 1, a: [true, null], c: { y: "x" } })).toBe('{"a": [true, null], "c": {"y": "x"}, "bb": 1}');
    expect(jsonbText([])).toBe("[]");
    expect(jsonbText({})).toBe("{}");
  });
});
