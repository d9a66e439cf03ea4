import { z } from "@/lib/validation/zod";
import { EXPIRY_CHOICES, keyId, ROTATION_POLICY_DAYS, type CreateKeyInput, type ExpiryChoice } from "./key-input";
import type { Environment, PermissionLevel, Scope } from "./key-model";

// How long the old key keeps working after a rotation, so apps can switch
// over without an outage. "now" is for a key that must stop at once.
export const ROTATION_GRACE_PERIODS = ["now", "1h", "24h", "7d"] as const;
export type RotationGrace = (typeof ROTATION_GRACE_PERIODS)[number];
export const DEFAULT_ROTATION_GRACE: RotationGrace = "24h";

export const ROTATION_GRACE_LABELS: Record<RotationGrace, string> = {
  now: "Immediately",
  "1h": "In 1 hour",
  "24h": "In 24 hours",
  "7d": "In 7 days",
};

const DAY_MS = 86_400_000;
const GRACE_MS: Record<RotationGrace, number> = { now: 0, "1h": 3_600_000, "24h": 86_400_000, "7d": 604_800_000 };

export const rotateKeyInput = z.object({
  keyId,
  grace: z.enum(ROTATION_GRACE_PERIODS, { error: "Choose when the old key stops working." }),
});
export type RotateKeyInput = z.infer<typeof rotateKeyInput>;

// When the old key stops working: after the grace period, or earlier if it
// was already going to expire sooner.
export function oldKeyExpiry(now: Date, grace: RotationGrace, currentExpiry: Date | null): Date {
  const end = new Date(now.getTime() + GRACE_MS[grace]);
  return currentExpiry && currentExpiry < end ? currentExpiry : end;
}

type KeySettings = {
  createdAt: Date;
  expiresAt: Date | null;
  environment: Environment;
  scopes: Scope[];
  permission: PermissionLevel;
  restrictedActions: unknown;
  rateLimitPerMinute: number | null;
  team: string | null;
  description: string | null;
};

// The expiry choice closest to a key's own lifetime (created to expires),
// "never" for a key that never expired.
export function lifetimeChoice(key: { createdAt: Date; expiresAt: Date | null }): ExpiryChoice {
  if (!key.expiresAt) return "never";
  const days = (key.expiresAt.getTime() - key.createdAt.getTime()) / DAY_MS;
  const choices = EXPIRY_CHOICES.filter((choice) => choice !== "never");
  return choices.reduce((best, choice) => (Math.abs(Number(choice) - days) < Math.abs(Number(best) - days) ? choice : best));
}

// A new key like an existing one (rotation, incident replacement): same
// environment, scopes, permission, rate limit, lifetime, team and
// description (the owner is the caller's to settle: lockSuccessorOwner). The scopes are
// kept even if the organization has since turned per-scope keys off, and a
// 7-day key is followed by a 7-day key: a successor never reaches further,
// nor lives longer, than its predecessor.
export function sameSettingsAs(key: KeySettings, name: string): CreateKeyInput {
  return {
    name,
    environment: key.environment,
    permission: key.permission,
    expiresInDays: lifetimeChoice(key),
    rateLimitPerMinute: key.rateLimitPerMinute,
    scopes: key.scopes,
    team: key.team,
    description: key.description,
    ...(key.restrictedActions ? { restrictedActions: key.restrictedActions as CreateKeyInput["restrictedActions"] } : {}),
  };
}

export const EXPIRY_WARNING_DAYS = 14;

// The dates behind "rotation due": keys created before createdBefore[env]
// (per the policy) or expiring before expiresBefore.
export function rotationDueThresholds(now: Date): { createdBefore: Record<Environment, Date | null>; expiresBefore: Date } {
  const createdBefore = Object.fromEntries(
    Object.entries(ROTATION_POLICY_DAYS).map(([environment, days]) => [environment, days === null ? null : new Date(now.getTime() - days * DAY_MS)]),
  ) as Record<Environment, Date | null>;
  return { createdBefore, expiresBefore: new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS) };
}

// A live key is due for rotation when it is older than its environment's
// policy allows, or will expire within two weeks.
export function rotationDue(
  key: { environment: Environment; createdAt: Date; expiresAt: Date | null; rotatedAt: Date | null; deletedAt: Date | null },
  now: Date,
): boolean {
  if (key.rotatedAt || key.deletedAt || (key.expiresAt && key.expiresAt <= now)) return false;
  const { createdBefore, expiresBefore } = rotationDueThresholds(now);
  const policyDate = createdBefore[key.environment];
  return (policyDate !== null && key.createdAt <= policyDate) || (key.expiresAt !== null && key.expiresAt <= expiresBefore);
}
