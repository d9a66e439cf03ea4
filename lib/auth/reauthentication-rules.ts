import type { KeyEnvironment, Role } from "@/lib/generated/prisma/enums";

// How long a re-authentication holds, for the session that made it only.
export const REAUTHENTICATION_WINDOW_MS = 10 * 60 * 1000;

export const SENSITIVE_ACTIONS = [
  "key.delete",
  "key.rotate",
  "incident.open",
  "webhook.set",
  "webhook.remove",
  "webhook.events",
  "email.test",
  "member.role_change",
  "member.remove",
  "member.add_owner",
  "key.approve",
  "approvals.set",
  "responsibilities.set",
  "password.change",
  "sso.set",
  "two_factor.change",
  "two_factor.remove",
  "two_factor.require",
] as const;
export type SensitiveAction = (typeof SENSITIVE_ACTIONS)[number];

// What the domain knows about the target when it asks.
export type SensitiveContext = { environment?: KeyEnvironment; role?: Role };

type Rule = {
  label: string;
  // Absent: always. Otherwise only when the target qualifies.
  when?: (context: SensitiveContext) => boolean;
  // The action asks for the password itself (in its own form) instead.
  ownPasswordField?: true;
};

// Keys that production systems or pipelines depend on.
const criticalKey = (context: SensitiveContext) => context.environment === "PRODUCTION" || context.environment === "CI_CD";

// The one table of which actions need a recent re-authentication ("sudo
// mode"): a stolen session cookie, or a browser left signed in, is then
// not enough to do lasting harm. Domain functions ask assertReauthenticated
// (lib/auth/reauthentication.ts) with their action's name.
export const REAUTHENTICATION_RULES: Record<SensitiveAction, Rule> = {
  "key.delete": { label: "Delete a production or CI/CD key", when: criticalKey },
  "key.rotate": { label: "Rotate a production or CI/CD key", when: criticalKey },
  "incident.open": { label: "Start the compromise response for a key" },
  "webhook.set": { label: "Set the incident webhook" },
  "webhook.remove": { label: "Remove the incident webhook" },
  "webhook.events": { label: "Choose the webhook's events" },
  "email.test": { label: "Send a test email through the mail server" },
  "member.role_change": { label: "Change a member's role" },
  "member.remove": { label: "Remove a member" },
  "member.add_owner": { label: "Add a member as an owner", when: (context) => context.role === "OWNER" },
  "key.approve": { label: "Approve a production key request" },
  "approvals.set": { label: "Turn approval for production keys on or off" },
  "responsibilities.set": { label: "Name approvers, the billing owner or the security contact" },
  "password.change": { label: "Change your password", ownPasswordField: true },
  "sso.set": { label: "Change the single sign-on settings (joining with SSO, requiring SSO, the break-glass owner)" },
  "two_factor.change": { label: "Set up an authenticator app or new recovery codes" },
  "two_factor.remove": { label: "Remove your authenticator app", ownPasswordField: true },
  "two_factor.require": { label: "Require two-factor sign-in for the organization" },
};

// Whether the action, on this target, needs a recent re-authentication of
// the session (false for an action that checks the password in its own form).
export function needsReauthentication(action: SensitiveAction, context: SensitiveContext = {}): boolean {
  const rule = REAUTHENTICATION_RULES[action];
  if (rule.ownPasswordField) return false;
  return rule.when ? rule.when(context) : true;
}

// A re-authentication holds for REAUTHENTICATION_WINDOW_MS; one stamped in
// the future (a clock set back) does not count.
export function isFreshReauthentication(reauthenticatedAt: Date | null | undefined, now: Date): boolean {
  if (!reauthenticatedAt) return false;
  const age = now.getTime() - reauthenticatedAt.getTime();
  return age >= -5_000 && age <= REAUTHENTICATION_WINDOW_MS;
}
