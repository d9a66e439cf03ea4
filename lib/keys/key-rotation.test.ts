import { describe, expect, it } from "vitest";
import { DEFAULT_EXPIRY } from "./key-input";
import { lifetimeChoice, oldKeyExpiry, rotateKeyInput, rotationDue, sameSettingsAs } from "./key-rotation";

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
  const key = {
    environment: "STAGING" as const,
    scopes: ["DATASET" as const],
    permission: "RESTRICTED" as const,
    restrictedActions: { DATASET: ["read"] },
    rateLimitPerMinute: 600,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    expiresAt: new Date("2026-06-30T00:00:00Z"),
    team: "Data platform",
    description: "Nightly export to the warehouse",
  };

  it("copies environment, scopes, permission, restricted actions, rate limit, lifetime, team and description", () => {
    expect(sameSettingsAs(key, "Staging")).toEqual({
      name: "Staging",
      environment: "STAGING",
      permission: "RESTRICTED",
      expiresInDays: "180",
      rateLimitPerMinute: 600,
      scopes: ["DATASET"],
      team: "Data platform",
      description: "Nightly export to the warehouse",
      restrictedActions: { DATASET: ["read"] },
    });
  });

  it("keeps the scopes whatever the organization's setting: a successor never reaches further", () => {
    expect(
      sameSettingsAs({ ...key, permission: "FULL", restrictedActions: null, rateLimitPerMinute: null, expiresAt: null, team: null, description: null }, "x"),
    ).toEqual({
      name: "x",
      environment: "STAGING",
      permission: "FULL",
      expiresInDays: "never",
      rateLimitPerMinute: null,
      scopes: ["DATASET"],
      team: null,
      description: null,
    });
  });
});

describe("lifetimeChoice", () => {
  const created = new Date("2026-01-01T00:00:00Z");
  const after = (days: number) => new Date(created.getTime() + days * 86_400_000);
  it.each([
    [null, "never"],
    [7, "7"],
    [6.9, "7"],
    [29, "30"],
    [90, "90"],
    [120, "90"],
    [400, "365"],
  ] as const)("a key living %s days is followed by one living %s", (days, choice) => {
    expect(lifetimeChoice({ createdAt: created, expiresAt: days === null ? null : after(days) })).toBe(choice);
  });
});

describe("rotateKeyInput", () => {
  it("accepts the grace periods and nothing else", () => {
    expect(rotateKeyInput.parse({ keyId: "k1", grace: "24h" })).toEqual({ keyId: "k1", grace: "24h" });
    expect(rotateKeyInput.safeParse({ keyId: "k1", grace: "30d" }).success).toBe(false);
    expect(rotateKeyInput.safeParse({ keyId: "", grace: "1h" }).success).toBe(false);
  });
});

describe("rotationDue", () => {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const key = { environment: "PRODUCTION" as const, createdAt: daysAgo(10), expiresAt: null, rotatedAt: null, deletedAt: null };

  it("follows the policy: 90 days for production and CI/CD, 180 for staging, none for development", () => {
    expect(rotationDue({ ...key, createdAt: daysAgo(89) }, now)).toBe(false);
    expect(rotationDue({ ...key, createdAt: daysAgo(90) }, now)).toBe(true);
    expect(rotationDue({ ...key, environment: "CI_CD", createdAt: daysAgo(91) }, now)).toBe(true);
    expect(rotationDue({ ...key, environment: "STAGING", createdAt: daysAgo(120) }, now)).toBe(false);
    expect(rotationDue({ ...key, environment: "STAGING", createdAt: daysAgo(180) }, now)).toBe(true);
    expect(rotationDue({ ...key, environment: "DEVELOPMENT", createdAt: daysAgo(900) }, now)).toBe(false);
  });

  it("warns two weeks before expiry, and not for expired, rotated or deleted keys", () => {
    const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);
    expect(rotationDue({ ...key, environment: "DEVELOPMENT", expiresAt: inDays(13) }, now)).toBe(true);
    expect(rotationDue({ ...key, expiresAt: inDays(20) }, now)).toBe(false);
    expect(rotationDue({ ...key, createdAt: daysAgo(100), expiresAt: daysAgo(1) }, now)).toBe(false);
    expect(rotationDue({ ...key, createdAt: daysAgo(100), rotatedAt: daysAgo(1) }, now)).toBe(false);
    expect(rotationDue({ ...key, createdAt: daysAgo(100), deletedAt: daysAgo(1) }, now)).toBe(false);
  });

  it("matches the default expiry of new keys", () => {
    expect(DEFAULT_EXPIRY).toEqual({ PRODUCTION: "90", CI_CD: "90", STAGING: "180", DEVELOPMENT: "never" });
  });
});
