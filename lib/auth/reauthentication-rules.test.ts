import { describe, expect, it } from "vitest";
import {
  isFreshReauthentication,
  needsReauthentication,
  REAUTHENTICATION_RULES,
  REAUTHENTICATION_WINDOW_MS,
  SENSITIVE_ACTIONS,
} from "./reauthentication-rules";

const now = new Date("2026-11-28T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("which actions need a recent re-authentication", () => {
  it("has a rule and a label for every sensitive action", () => {
    expect(Object.keys(REAUTHENTICATION_RULES).sort()).toEqual([...SENSITIVE_ACTIONS].sort());
    for (const action of SENSITIVE_ACTIONS) expect(REAUTHENTICATION_RULES[action].label.length).toBeGreaterThan(0);
  });

  it("asks for deleting or rotating production and CI/CD keys only", () => {
    for (const action of ["key.delete", "key.rotate"] as const) {
      expect(needsReauthentication(action, { environment: "PRODUCTION" })).toBe(true);
      expect(needsReauthentication(action, { environment: "CI_CD" })).toBe(true);
      expect(needsReauthentication(action, { environment: "STAGING" })).toBe(false);
      expect(needsReauthentication(action, { environment: "DEVELOPMENT" })).toBe(false);
    }
  });

  it("always asks for incidents, webhook and mail settings, roles and removals", () => {
    for (const action of ["incident.open", "webhook.set", "webhook.remove", "webhook.events", "email.test", "member.role_change", "member.remove"] as const) {
      expect(needsReauthentication(action), action).toBe(true);
      expect(needsReauthentication(action, { environment: "DEVELOPMENT" }), action).toBe(true);
    }
  });

  it("lets a password change check the current password in its own form", () => {
    expect(needsReauthentication("password.change")).toBe(false);
  });
});

describe("a re-authentication", () => {
  it("holds for 10 minutes", () => {
    expect(REAUTHENTICATION_WINDOW_MS).toBe(10 * 60 * 1000);
    expect(isFreshReauthentication(ago(0), now)).toBe(true);
    expect(isFreshReauthentication(ago(REAUTHENTICATION_WINDOW_MS), now)).toBe(true);
    expect(isFreshReauthentication(ago(REAUTHENTICATION_WINDOW_MS + 1), now)).toBe(false);
    expect(isFreshReauthentication(ago(11 * 60 * 1000), now)).toBe(false);
  });

  it("does not exist without a time, and does not count from the future", () => {
    expect(isFreshReauthentication(null, now)).toBe(false);
    expect(isFreshReauthentication(undefined, now)).toBe(false);
    expect(isFreshReauthentication(ago(-60_000), now)).toBe(false);
    expect(isFreshReauthentication(new Date(Number.NaN), now)).toBe(false);
  });
});
