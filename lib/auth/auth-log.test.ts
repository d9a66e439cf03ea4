import { describe, expect, it } from "vitest";
import { describeAuthError } from "./auth-log";

describe("describeAuthError", () => {
  it("keeps an OAuth error's name and message, never the token or parameters it carries", () => {
    const error = Object.assign(new Error("unexpected JWT aud, expected secret-keys, got: another-client"), {
      name: "RPError",
      jwt: "eyJhbGciOiJSUzI1NiJ9.payload.signature",
      params: { code: "the-authorization-code" },
    });
    for (const metadata of [error, { error, providerId: "oidc", message: error.message }]) {
      const line = describeAuthError(metadata);
      expect(line).toBe("RPError: unexpected JWT aud, expected [redacted] got: [redacted]");
      expect(line).not.toContain("eyJ");
      expect(line).not.toContain("the-authorization-code");
    }
  });

  it("does not quote the state or PKCE values a message names", () => {
    const line = describeAuthError(new Error("state mismatch, expected Yb_5XlBq6abc, got: xb_5Xlzz"));
    expect(line).not.toContain("Yb_5XlBq6abc");
    expect(line).not.toContain("xb_5Xlzz");
    expect(line).toContain("state mismatch");
  });

  it("says little about anything else", () => {
    expect(describeAuthError({ OAuthProfile: { email: "a@b.test" } })).toBe("(no details)");
    expect(describeAuthError(undefined)).toBe("(no details)");
  });
});
