import { describe, expect, it } from "vitest";
import { optionalLineText } from "./optional-line-text";

const team = optionalLineText({ max: 20 });

describe("optionalLineText", () => {
  it("trims, and reads empty or absent as none", () => {
    expect(team.parse("  ML infra  ")).toBe("ML infra");
    expect(team.parse(" infra ")).toBe("infra");
    for (const none of ["", "   ", null, undefined]) expect(team.parse(none)).toBeNull();
  });

  it("refuses a longer value instead of cutting it", () => {
    const result = team.safeParse("x".repeat(21));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe("Use at most 20 characters.");
  });

  it("refuses line breaks, control characters, NUL and lone surrogates", () => {
    for (const bad of ["a\nb", "a\rb", "tab\there", "bell\u0007", "nul\u0000", "half\ud800"])
      expect(team.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it("takes __proto__ and constructor as the plain words they are, and refuses non-strings", () => {
    expect(team.parse("__proto__")).toBe("__proto__");
    expect(team.parse("constructor")).toBe("constructor");
    for (const bad of [42, {}, [], true, { toString: () => "x" }]) expect(team.safeParse(bad).success).toBe(false);
  });
});
