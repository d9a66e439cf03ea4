import { describe, expect, it } from "vitest";
import { ssoConfigFrom } from "./sso-config";

const base = { OIDC_ISSUER: "https://login.example.com/realms/acme/", OIDC_CLIENT_ID: "secret-keys", OIDC_CLIENT_SECRET: "s3cr3t-value" };

describe("ssoConfigFrom", () => {
  it("is off when nothing is set", () => {
    expect(ssoConfigFrom({})).toBeNull();
  });

  it("reads the provider, dropping a trailing slash, with MEMBER as the default role", () => {
    expect(ssoConfigFrom(base)).toEqual({
      issuer: "https://login.example.com/realms/acme",
      clientId: "secret-keys",
      clientSecret: "s3cr3t-value",
      defaultRole: "MEMBER",
    });
  });

  it("takes a named role, OWNER only when spelled out", () => {
    expect(ssoConfigFrom({ ...base, OIDC_DEFAULT_ROLE: "admin" })?.defaultRole).toBe("ADMIN");
    expect(ssoConfigFrom({ ...base, OIDC_DEFAULT_ROLE: "OWNER" })?.defaultRole).toBe("OWNER");
  });

  it("refuses an unknown role instead of falling back to any role", () => {
    expect(() => ssoConfigFrom({ ...base, OIDC_DEFAULT_ROLE: "superuser" })).toThrow(/OIDC_DEFAULT_ROLE must be one of/);
    expect(() => ssoConfigFrom({ ...base, OIDC_DEFAULT_ROLE: "__proto__" })).toThrow(/OIDC_DEFAULT_ROLE/);
  });

  it("names what is missing from a partial setting, never the secret", () => {
    expect(() => ssoConfigFrom({ OIDC_CLIENT_SECRET: "s3cr3t-value" })).toThrow(/OIDC_ISSUER and OIDC_CLIENT_ID not set/);
    try {
      ssoConfigFrom({ ...base, OIDC_ISSUER: "not a url" });
    } catch (error) {
      expect(String(error)).not.toContain("s3cr3t-value");
    }
  });

  it("refuses an issuer that is not a plain http(s) URL", () => {
    for (const issuer of ["not a url", "ftp://login.example.com", "https://user:pw@login.example.com", "https://login.example.com/?a=b"]) {
      expect(() => ssoConfigFrom({ ...base, OIDC_ISSUER: issuer }), issuer).toThrow(/OIDC_ISSUER/);
    }
  });
});
