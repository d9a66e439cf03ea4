import { describe, expect, it } from "vitest";
import { oldKeyExpiry, rotateKeyInput, sameSettingsAs } from "./key-rotation";

const now = new Date("2026-11-27T12:00:00Z");

describe("oldKeyExpiry", () => {
  it("ends the grace period after the chosen time", () => {
    expect(oldKeyExpiry(now, "now", null)).toEqual(now);
    expect(oldKeyExpiry(now, "1h", null)).toEqual(new Date("2026-11-27T13:00:00Z"));
    expect(oldKeyExpiry(now, "24h", null)).toEqual(new Date("2026-11-28T12:00:00Z"));
    expect(oldKeyExpiry(now, "7d", null)).toEqual(new Date("2026-12-04T12:00:00Z"));
  });

  it("never extends a key that expires sooner", () => {
    const soon = new Date("2026-11-27T12:30:00Z");
    expect(oldKeyExpiry(now, "24h", soon)).toEqual(soon);
    expect(oldKeyExpiry(now, "now", soon)).toEqual(now);
  });
});

describe("sameSettingsAs", () => {
  const key = { environment: "STAGING" as const, scopes: ["DATASET" as const], permission: "RESTRICTED" as const, restrictedActions: { DATASET: ["read"] } };

  it("copies environment, permission and restricted actions, with the policy's expiry", () => {
    expect(sameSettingsAs(key, "Staging", true)).toEqual({
      name: "Staging",
      environment: "STAGING",
      permission: "RESTRICTED",
      expiresInDays: "180",
      scopes: ["DATASET"],
      restrictedActions: { DATASET: ["read"] },
    });
  });

  it("leaves scopes to the organization when per-scope keys are off", () => {
    expect(sameSettingsAs({ ...key, permission: "FULL", restrictedActions: null }, "x", false)).toEqual({
      name: "x",
      environment: "STAGING",
      permission: "FULL",
      expiresInDays: "180",
    });
  });
});

describe("rotateKeyInput", () => {
  it("accepts the grace periods and nothing else", () => {
    expect(rotateKeyInput.parse({ keyId: "k1", grace: "24h" })).toEqual({ keyId: "k1", grace: "24h" });
    expect(rotateKeyInput.safeParse({ keyId: "k1", grace: "30d" }).success).toBe(false);
    expect(rotateKeyInput.safeParse({ keyId: "", grace: "1h" }).success).toBe(false);
  });
});
