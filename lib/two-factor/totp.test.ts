import { describe, expect, it } from "vitest";
import { matchTotpCode, newTotpSecret, totpCodeAt, totpStep, totpUri } from "./totp";

// RFC 6238 appendix B, SHA-1: the ASCII secret "12345678901234567890".
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("TOTP", () => {
  it("matches the RFC 6238 test vectors (last six digits)", () => {
    expect(totpCodeAt(RFC_SECRET, new Date(59_000))).toBe("287082");
    expect(totpCodeAt(RFC_SECRET, new Date(1111111109_000))).toBe("081804");
    expect(totpCodeAt(RFC_SECRET, new Date(2000000000_000))).toBe("279037");
  });

  it("accepts the current code and one step either side, nothing further", () => {
    const secret = newTotpSecret();
    const now = new Date(1_800_000_000_000);
    const step = totpStep(now);
    expect(matchTotpCode({ secret, code: totpCodeAt(secret, now), now, lastUsedStep: 0 })).toBe(step);
    expect(matchTotpCode({ secret, code: totpCodeAt(secret, new Date(now.getTime() - 30_000)), now, lastUsedStep: 0 })).toBe(step - 1);
    expect(matchTotpCode({ secret, code: totpCodeAt(secret, new Date(now.getTime() + 30_000)), now, lastUsedStep: 0 })).toBe(step + 1);
    expect(matchTotpCode({ secret, code: totpCodeAt(secret, new Date(now.getTime() - 90_000)), now, lastUsedStep: 0 })).toBeNull();
  });

  it("refuses a code of a step already used, and an older one", () => {
    const secret = newTotpSecret();
    const now = new Date(1_800_000_000_000);
    const code = totpCodeAt(secret, now);
    expect(matchTotpCode({ secret, code, now, lastUsedStep: totpStep(now) })).toBeNull();
    const earlier = totpCodeAt(secret, new Date(now.getTime() - 30_000));
    expect(matchTotpCode({ secret, code: earlier, now, lastUsedStep: totpStep(now) })).toBeNull();
  });

  it("reads codes typed with spaces or a dash, and refuses anything else", () => {
    const secret = newTotpSecret();
    const now = new Date(1_800_000_000_000);
    const code = totpCodeAt(secret, now);
    expect(matchTotpCode({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}`, now, lastUsedStep: 0 })).not.toBeNull();
    for (const bad of ["", "12345", "1234567", "abcdef", "__proto__", "constructor", "١٢٣٤٥٦", "12345\u0000", "9".repeat(10_000)]) {
      expect(matchTotpCode({ secret, code: bad, now, lastUsedStep: 0 })).toBeNull();
    }
  });

  it("names the issuer and account in the URI an app scans", () => {
    const uri = totpUri({ secret: RFC_SECRET, accountName: "ada@example.com", issuer: "Secret Keys" });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Secret%20Keys:ada%40example\.com\?/);
    expect(uri).toContain(`secret=${RFC_SECRET}`);
    expect(uri).toContain("period=30");
    expect(uri).toContain("digits=6");
  });
});
