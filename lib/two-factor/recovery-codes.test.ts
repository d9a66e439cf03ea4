import { describe, expect, it } from "vitest";
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from "./recovery-codes";

describe("recovery codes", () => {
  it("makes ten distinct codes that read back as themselves", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(normalizeRecoveryCode(code)).toBe(code);
  });

  it("reads a code typed in capitals, with spaces or without the dash", () => {
    const [code] = newRecoveryCodes();
    expect(normalizeRecoveryCode(code.toUpperCase())).toBe(code);
    expect(normalizeRecoveryCode(code.replace("-", ""))).toBe(code);
    expect(normalizeRecoveryCode(` ${code.replace("-", " ")} `)).toBe(code);
  });

  it("refuses what cannot be a code", () => {
    for (const bad of ["", "abc", "__proto__", "constructor", "0oo1l-ilo01", "abcde-fghjk-m", "a".repeat(10_000), "abcde\u0000fghj"]) {
      expect(normalizeRecoveryCode(bad)).toBeNull();
    }
  });

  it("hashes so that the stored value is not the code", () => {
    const [code] = newRecoveryCodes();
    expect(hashRecoveryCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(code)).not.toContain(code);
  });
});
