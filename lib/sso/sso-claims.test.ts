import { describe, expect, it } from "vitest";
import { parseSsoClaims } from "./sso-claims";
import { signInPageMessage, SSO_FAILED_MESSAGE, SSO_REFUSAL_MESSAGES } from "./sso-refusals";

const claims = { sub: "abc123", email: "Ada@Example.TEST", email_verified: true, name: "Ada Lovelace" };

describe("parseSsoClaims", () => {
  it("takes a verified email, lower-cased, with the subject and name", () => {
    expect(parseSsoClaims(claims)).toEqual({ identity: { subject: "abc123", email: "ada@example.test", name: "Ada Lovelace" } });
  });

  it("refuses an email that is not verified, or verified only as a string", () => {
    for (const email_verified of [false, "true", 1, undefined, null]) {
      expect(parseSsoClaims({ ...claims, email_verified }), String(email_verified)).toEqual({ refusal: "unverified" });
    }
  });

  it("refuses claims without a usable email or subject", () => {
    for (const bad of [
      { ...claims, email: undefined },
      { ...claims, email: "not an email" },
      { ...claims, email: ["a@b.test"] },
      { ...claims, sub: "" },
      null,
      "x",
    ]) {
      expect(parseSsoClaims(bad)).toEqual({ refusal: "no-email" });
    }
  });

  it("refuses an email with spaces around it rather than trimming it into an account", () => {
    for (const email of [" owner@example.com", "owner@example.com ", "\towner@example.com"]) {
      expect(parseSsoClaims({ sub: "s1", email, email_verified: true })).toEqual({ refusal: "no-email" });
    }
  });

  it("__proto__ as a claim value or key names nothing", () => {
    expect(parseSsoClaims({ ...claims, email: "__proto__" })).toEqual({ refusal: "no-email" });
    expect(parseSsoClaims({ ...claims, name: "__proto__" })).toMatchObject({ identity: { name: "__proto__" } });
    // A JSON claim set whose own key is __proto__ (JSON.parse keeps it as data).
    const forged = JSON.parse('{"__proto__": {"email_verified": true}, "sub": "x", "email": "eve@example.test"}');
    expect(parseSsoClaims(forged)).toEqual({ refusal: "unverified" });
    // A verified flag inherited from the prototype chain does not count either.
    expect(parseSsoClaims(Object.assign(Object.create({ email_verified: true }), { sub: "x", email: "eve@example.test" }))).toEqual({ refusal: "unverified" });
  });

  it("a name with line breaks or control characters falls back to the email's local part", () => {
    expect(parseSsoClaims({ ...claims, name: "Ada\nSigned in as owner" })).toMatchObject({ identity: { name: "ada" } });
    expect(parseSsoClaims({ ...claims, name: 42 })).toMatchObject({ identity: { name: "ada" } });
  });
});

describe("signInPageMessage", () => {
  it("maps our reasons and next-auth's error codes, and anything else to the generic failure", () => {
    expect(signInPageMessage({ sso: "unverified" })).toBe(SSO_REFUSAL_MESSAGES.unverified);
    expect(signInPageMessage({ sso: "__proto__" })).toBe(SSO_FAILED_MESSAGE);
    expect(signInPageMessage({ sso: "toString" })).toBe(SSO_FAILED_MESSAGE);
    expect(signInPageMessage({ error: "OAuthCallback" })).toBe(SSO_FAILED_MESSAGE);
    expect(signInPageMessage({ error: "SessionRequired" })).toBeUndefined();
    expect(signInPageMessage({ error: ["OAuthCallback"] })).toBeUndefined();
    expect(signInPageMessage({})).toBeUndefined();
  });
});
