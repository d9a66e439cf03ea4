import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditSealMac, auditSealMatches, canonicalJson, type SealedEvent } from "./audit-seal";

const SECRET = "test-audit-secret";
const EVENT: SealedEvent = {
  id: "evt_1",
  organizationId: "org_1",
  sequence: 7,
  previousHash: "p".repeat(64),
  hash: "a".repeat(64),
  actorUserId: "user_1",
  actorLabel: "Ada <ada@example.test>",
  action: "key.created",
  keyId: "key_1",
  keyPrefix: "skml_live_abcd",
  details: { name: "Prod", scopes: ["DATASET"], expiresAt: null },
  ipAddress: "203.0.113.7",
  userAgent: "vitest",
  createdAt: new Date("2026-11-27T12:00:00.000Z"),
};

describe("canonicalJson", () => {
  it("sorts keys at every level, whatever order the database gives them back in", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });
});

describe("auditSealMac", () => {
  it("is HMAC-SHA-256 in hex over the versioned, canonical content (changing it would call every stored seal forged)", () => {
    const text = canonicalJson([
      "secret-keys/audit-seal/v2",
      "evt_1",
      "org_1",
      7,
      "p".repeat(64),
      "a".repeat(64),
      "user_1",
      "Ada <ada@example.test>",
      "key.created",
      "key_1",
      "skml_live_abcd",
      { name: "Prod", scopes: ["DATASET"], expiresAt: null },
      "203.0.113.7",
      "vitest",
      "2026-11-27T12:00:00.000Z",
    ]);
    expect(auditSealMac(SECRET, EVENT)).toBe(createHmac("sha256", SECRET).update(text).digest("hex"));
  });

  it.each(Object.keys(EVENT) as (keyof SealedEvent)[])("changes when %s changes", (field) => {
    const changed: SealedEvent = {
      ...EVENT,
      [field]: field === "sequence" ? 8 : field === "createdAt" ? new Date(0) : field === "details" ? { name: "Other" } : "changed",
    };
    expect(auditSealMac(SECRET, changed)).not.toBe(auditSealMac(SECRET, EVENT));
  });

  it("changes with the secret, and keeps field boundaries", () => {
    expect(auditSealMac("another-secret", EVENT)).not.toBe(auditSealMac(SECRET, EVENT));
    expect(auditSealMac(SECRET, { ...EVENT, organizationId: "org_1", sequence: 12 })).not.toBe(
      auditSealMac(SECRET, { ...EVENT, organizationId: "org_11", sequence: 2 }),
    );
  });
});

describe("auditSealMatches", () => {
  it("accepts the event's own seal only", () => {
    const mac = auditSealMac(SECRET, EVENT);
    expect(auditSealMatches(SECRET, EVENT, mac)).toBe(true);
    expect(auditSealMatches("another-secret", EVENT, mac)).toBe(false);
    expect(auditSealMatches(SECRET, { ...EVENT, details: { name: "Prod", scopes: ["DATASET", "TRAINING"], expiresAt: null } }, mac)).toBe(false);
  });

  it("a forged seal of the wrong shape is refused, not thrown on", () => {
    const mac = auditSealMac(SECRET, EVENT);
    for (const forged of ["", "00", mac.toUpperCase(), `${mac}00`, mac.slice(0, 63) + "g", "0".repeat(64)]) {
      expect(auditSealMatches(SECRET, EVENT, forged)).toBe(false);
    }
  });
});
