import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { SESSION_COOKIE } from "@/lib/auth/auth-options";
import { createAuthSession } from "@/lib/auth/auth-sessions";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/generated/prisma/enums";
import { closeStep, notifyStep, replaceStep, reviewStep, revokeStep, updateAppsStep } from "@/lib/incidents/incident-step-actions";
import type { IncidentStepId } from "@/lib/incidents/incident-steps";
import { openIncident } from "@/lib/incidents/open-incident";
import { createKey } from "@/lib/keys/create-key";
import { sealSecret } from "@/lib/two-factor/secret-box";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { keepChallenge } from "@/lib/passkeys/webauthn-challenges";
import { SoftAuthenticator } from "./soft-authenticator";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.test`;
}

// A user of the organization with that role (password TEST_PASSWORD).
export async function createMember(organizationId: string, role: Role) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await db().user.create({
    data: {
      email: uniqueEmail(role.toLowerCase()),
      name: `${role} user`,
      passwordHash: await passwordHash,
      memberships: { create: { organizationId, role } },
    },
    include: { memberships: { select: { id: true } } },
  });
  return { role, userId: user.id, email: user.email, membershipId: user.memberships[0].id };
}

// An organization of its own with one member per requested role.
export async function createOrganization(roles: Role[] = ["OWNER"]) {
  const organization = await db().organization.create({ data: { name: `Org ${randomBytes(3).toString("hex")}` } });
  const members = [];
  for (const role of roles) members.push(await createMember(organization.id, role));
  return { organization, members };
}

// Always re-authenticated a moment ago (as a browser is right after the
// password dialog), however long the test runs, so domain tests reach what
// they test; lib/auth/reauthentication.integration.test.ts and
// app/reauthentication.integration.test.ts check the refusals.
export function actorFor(member: { userId: string; role: Role; email: string }, organizationId: string): Actor {
  return {
    userId: member.userId,
    organizationId,
    role: member.role,
    label: `${member.role} <${member.email}>`,
    ipAddress: "203.0.113.7",
    userAgent: "vitest",
    session: {
      id: "fixture-session",
      get reauthenticatedAt() {
        return new Date();
      },
    },
  };
}

// An organization with one member of every role, and an actor for each.
export async function createOrganizationWithAllRoles() {
  const { organization, members } = await createOrganization(["OWNER", "ADMIN", "SECURITY", "MEMBER"]);
  const actors = Object.fromEntries(members.map((m) => [m.role, actorFor(m, organization.id)])) as Record<Role, Actor>;
  return { organization, actors, members };
}

// A live production key of the actor's organization.
export async function createKeyFixture(actor: Actor, name = `Key ${randomBytes(4).toString("hex")}`) {
  const { key } = await createKey({ actor, input: { name, environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" } });
  return key;
}

// Each wizard step with input it accepts (no replacement key, no clients).
const STEPS: Record<IncidentStepId, (actor: Actor, incidentId: string) => Promise<unknown>> = {
  revoke: (actor, incidentId) => revokeStep({ actor, incidentId }),
  replace: (actor, incidentId) => replaceStep({ actor, incidentId, input: { skipReason: "fixture" } }),
  update_apps: (actor, incidentId) => updateAppsStep({ actor, incidentId, input: { entries: [] } }),
  review: (actor, incidentId) => reviewStep({ actor, incidentId, input: { from: "2020-01-01", to: new Date().toISOString().slice(0, 10), suspicious: 0 } }),
  notify: (actor, incidentId) => notifyStep({ actor, incidentId, input: { message: "fixture" } }),
  close: (actor, incidentId) => closeStep({ actor, incidentId }),
};

// An incident opened on the key, with the given steps already done in order.
export async function createIncidentFixture(actor: Actor, keyId: string, done: IncidentStepId[] = []) {
  const { incidentId } = await openIncident({ actor, keyId });
  for (const step of done) await STEPS[step](actor, incidentId);
  return incidentId;
}

// A webhook delivery of the organization that failed every attempt.
export async function createFailedDeliveryFixture(organizationId: string) {
  return db().webhookDelivery.create({
    data: {
      organizationId,
      event: "incident.opened",
      payload: { event: "incident.opened" },
      status: "failed",
      attempts: 6,
      lastError: "HTTP 500",
      nextAttemptAt: null,
    },
  });
}

// The cookie a browser signed in as this user sends: a live session row,
// encoded the way next-auth encodes it. With reauthenticatedAt, the session
// confirmed its password then (the re-authentication dialog).
export async function createSessionCookie(
  userId: string,
  options: { reauthenticatedAt?: Date } = {},
): Promise<{ name: string; value: string; sessionId: string }> {
  const { sessionId } = await createAuthSession({ userId, ipAddress: "203.0.113.7", userAgent: "vitest" });
  if (options.reauthenticatedAt) await db().authSession.update({ where: { id: sessionId }, data: { reauthenticatedAt: options.reauthenticatedAt } });
  return { name: SESSION_COOKIE, value: await encode({ token: { sid: sessionId }, secret: process.env.NEXTAUTH_SECRET! }), sessionId };
}

// An authenticator app with a known secret for the user (confirmed unless
// told otherwise), as if they had scanned its QR code; totpCodeAt(secret,
// now) is what their phone shows.
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
export async function giveAuthenticatorApp(userId: string, options: { confirmed?: boolean; secret?: string } = {}): Promise<{ secret: string }> {
  const secret = options.secret ?? TEST_TOTP_SECRET;
  const data = {
    secretEncrypted: sealSecret(secret, process.env.TWO_FACTOR_SECRET!),
    confirmedAt: options.confirmed === false ? null : new Date(),
    lastUsedStep: 0,
  };
  await db().authenticatorApp.upsert({ where: { userId }, create: { userId, ...data }, update: data });
  return { secret };
}

// A registration challenge for each of these users, all with the same value,
// and a new passkey's answer to it: whichever of them finishes the
// registration, it is theirs.
export const SHARED_REGISTRATION_CHALLENGE = "c2hhcmVkLXJlZ2lzdHJhdGlvbi1jaGFsbGVuZ2U";
export async function passkeyRegistrationFor(userIds: string[]) {
  for (const userId of userIds) {
    // Each from an address of its own: the per-address limit is not what these tests are about.
    await keepChallenge({ challenge: SHARED_REGISTRATION_CHALLENGE, purpose: "register", userId, ipAddress: `10.77.${randomBytes(2).join(".")}` });
  }
  const rp = relyingParty();
  return new SoftAuthenticator({ origin: rp.origin, rpId: rp.id }).register(SHARED_REGISTRATION_CHALLENGE);
}

// A passkey of the user, kept as a registration would keep it.
export async function givePasskey(userId: string, name = "Test passkey"): Promise<{ id: string }> {
  return db().passkey.create({
    data: { userId, name, credentialId: randomBytes(16).toString("base64url"), publicKey: randomBytes(77), transports: ["internal"] },
    select: { id: true },
  });
}
