import { describe, expect, it } from "vitest";
import { parseServiceTokens } from "./service-tokens";

const A = "a".repeat(32);
const B = "svc_" + "b".repeat(40);

describe("parseServiceTokens", () => {
  it("matches any configured token and nothing else", () => {
    const tokens = parseServiceTokens(` ${A} ,${B}`);
    expect(tokens.configured).toBe(true);
    expect(tokens.matches(A)).toBe(true);
    expect(tokens.matches(B)).toBe(true);
    for (const wrong of [undefined, "", A.slice(1), A + "a", B.toUpperCase(), "__proto__", "constructor"]) expect(tokens.matches(wrong)).toBe(false);
  });

  it("matches nothing when none is configured", () => {
    const tokens = parseServiceTokens(undefined);
    expect(tokens.configured).toBe(false);
    expect(tokens.matches("")).toBe(false);
    expect(tokens.matches(A)).toBe(false);
  });

  it("refuses short tokens without echoing them", () => {
    expect(() => parseServiceTokens(`${A},short-secret`)).toThrow(/at least 32 characters/);
    expect(() => parseServiceTokens(`${A},short-secret`)).not.toThrow(/short-secret/);
  });
});
