import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSealedEmailBody, openEmailBody, sealEmailBody } from "./sealed-body";

const before = process.env.NEXTAUTH_SECRET;
beforeEach(() => {
  process.env.NEXTAUTH_SECRET = "unit-test-session-secret";
});
afterEach(() => {
  process.env.NEXTAUTH_SECRET = before;
});

describe("sealed email bodies", () => {
  it("hide the link they hold and open to the same text", () => {
    const body = "Choose your password: https://keys.example.test/set-password#abc.def\n";
    const sealed = sealEmailBody(body);
    expect(isSealedEmailBody(sealed)).toBe(true);
    expect(sealed).not.toContain("abc.def");
    expect(openEmailBody(sealed)).toBe(body);
    expect(openEmailBody("plain body")).toBe("plain body");
  });

  it("do not open under another secret or once altered", () => {
    const sealed = sealEmailBody("secret link");
    const altered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(() => openEmailBody(altered)).toThrow();
    process.env.NEXTAUTH_SECRET = "another secret";
    expect(() => openEmailBody(sealed)).toThrow();
  });
});
