import { describe, expect, it } from "vitest";
import { auditSealMac, auditSealMatches } from "./audit-seal";

const SECRET = "test-audit-secret";
const EVENT = { organizationId: "org_1", sequence: 7, hash: "a".repeat(64) };

describe("auditSealMac", () => {
  // Checked with: printf %s '["secret-keys/audit-seal/v1","org_1",7,"<64 × a>"]' | openssl dgst -sha256 -hmac test-audit-secret
  it("is a stable HMAC-SHA-256 in hex (changing the format would call every stored seal forged)", () => {
    expect(auditSealMac(SECRET, EVENT)).toBe("f1a18979e438f76df563fa5862ae60c3a78b195ec5b7fe76fda199082970ec95");
  });

  it("changes with the secret and with each sealed field", () => {
    const mac = auditSealMac(SECRET, EVENT);
    expect(auditSealMac("another-secret", EVENT)).not.toBe(mac);
    expect(auditSealMac(SECRET, { ...EVENT, organizationId: "org_2" })).not.toBe(mac);
    expect(auditSealMac(SECRET, { ...EVENT, sequence: 8 })).not.toBe(mac);
    expect(auditSealMac(SECRET, { ...EVENT, hash: "b".repeat(64) })).not.toBe(mac);
  });

  it("keeps field boundaries: organization org_1 event 12 is not organization org_11 event 2", () => {
    expect(auditSealMac(SECRET, { ...EVENT, organizationId: "org_1", sequence: 12 })).not.toBe(auditSealMac(SECRET, { ...EVENT, organizationId: "org_11", sequence: 2 }));
  });
});

describe("auditSealMatches", () => {
  it("accepts the event's own seal only", () => {
    const mac = auditSealMac(SECRET, EVENT);
    expect(auditSealMatches(SECRET, EVENT, mac)).toBe(true);
    expect(auditSealMatches("another-secret", EVENT, mac)).toBe(false);
    expect(auditSealMatches(SECRET, { ...EVENT, sequence: 8 }, mac)).toBe(false);
  });

  it("a forged seal of the wrong shape is refused, not thrown on", () => {
    const mac = auditSealMac(SECRET, EVENT);
    for (const forged of ["", "00", mac.toUpperCase(), `${mac}00`, mac.slice(0, 63) + "g", "0".repeat(64)]) {
      expect(auditSealMatches(SECRET, EVENT, forged)).toBe(false);
    }
  });
});
