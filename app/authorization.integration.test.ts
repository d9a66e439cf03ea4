import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/action-result";
import { createAuthSession } from "@/lib/auth/auth-sessions";
import { can, type Operation } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { INCIDENT_STEPS, type IncidentStepId } from "@/lib/incidents/incident-steps";
import { createKey } from "@/lib/keys/create-key";
import { removeMember } from "@/lib/members/change-member";
import { discoverServerEntries } from "@/lib/testing/app-files";
import {
  createFailedDeliveryFixture,
  createIncidentFixture,
  createKeyFixture,
  createMember,
  createOrganizationWithAllRoles,
  createSessionCookie,
  giveAuthenticatorApp,
  givePasskey,
  passkeyRegistrationFor,
  uniqueEmail,
} from "@/lib/testing/fixtures";
import { totpCodeAt } from "@/lib/two-factor/totp";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { pick, snapshotOrganization, type Probe } from "@/lib/testing/organization-snapshot";
import { setWebhookEndpoint } from "@/lib/webhooks/webhook-endpoint";
import { decideKeyRequest } from "@/lib/key-requests/decide-key-request";
import { requestKey } from "@/lib/key-requests/request-key";
import { setProductionApproval } from "@/lib/organization/set-production-approval";
import { issuePasswordToken } from "@/lib/auth/password-tokens";
import { db } from "@/lib/db/client";
import { addMember } from "@/lib/members/add-member";
import { TEST_PASSWORD } from "@/lib/testing/fixtures";

// Every server action and route handler, called for real as a signed-in
// member of every role, of the organization that owns what the call names
// and of another one. The expected outcome comes from ROLE_PERMISSIONS; an
// export without a row here fails the first test.

// Actions and handlers read the caller from the request: the cookie is the
// session of whoever the case signs in as.
const request = vi.hoisted(() => ({ cookie: undefined as { name: string; value: string } | undefined }));
vi.mock("next/headers", async () => {
  const { CLIENT_ADDRESS_HEADER } = await import("@/lib/auth/client-address");
  return {
    cookies: async () => ({ get: (name: string) => (request.cookie?.name === name ? request.cookie : undefined) }),
    headers: async () => new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.50", "user-agent": "authorization table" }),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

type World = Awaited<ReturnType<typeof createOrganizationWithAllRoles>>;
type Row =
  | { skip: string }
  | {
      // "the requester": only the member who made the request (the Admin's, in these rows).
      // "the session's user": only the member whose session it is (the Member's, in these rows).
      // "anyone": signed in or not; the arguments (a one-time link) are the proof.
      needs: Operation | "any member" | "public" | "the requester" | "the session's user" | "anyone";
      // "resource": the arguments name something of the organization, which
      // a member of another organization must not reach. "own": the call acts
      // on the caller's own organization or account, whoever calls.
      target: "resource" | "own";
      // What another organization's allowed member gets instead of NOT_FOUND.
      elsewhere?: "CONFLICT";
      // Valid arguments, after creating in the organization what they name.
      args: (world: World) => Promise<unknown[]>;
      // What an allowed call changes; a refused one changes nothing at all.
      changes: Probe[];
    };

// A closed loopback port: an allowed test event is tried and fails, which is
// all authorization needs.
const WEBHOOK_URL = "http://127.0.0.1:1/hooks/T0kenInThePath";
const withKey = (w: World) => createKeyFixture(w.actors.OWNER);
const withWebhook = (w: World) => setWebhookEndpoint({ actor: w.actors.OWNER, input: { url: WEBHOOK_URL } });
const incidentBefore = async (w: World, step: IncidentStepId) =>
  createIncidentFixture(w.actors.OWNER, (await withKey(w)).id, INCIDENT_STEPS.slice(0, INCIDENT_STEPS.indexOf(step)));
// Creates what the call needs, then gives its arguments.
const after = async (setup: Promise<unknown>, args: unknown[] = []) => (await setup, args);
const get = (url: string, params: Record<string, string> = {}) => [new Request(new URL(url, "http://localhost")), { params: Promise.resolve(params) }];
const keyRoute = async (w: World, suffix: string) => {
  const key = await withKey(w);
  await createIncidentFixture(w.actors.OWNER, key.id);
  return get(`/settings/secret-keys/${key.id}/compromised/${suffix}`, { id: key.id });
};
// Approvals on, with a second owner so that two people can approve.
const REQUESTER: Role = "ADMIN";
const withApprovals = async (w: World) => {
  await createMember(w.organization.id, "OWNER");
  await setProductionApproval({ actor: w.actors.OWNER, input: { enabled: true } });
};
const productionRequest = async (w: World, approved = false) => {
  await withApprovals(w);
  const name = `Requested ${Math.random().toString(36).slice(2, 8)}`;
  const input = { name, environment: "PRODUCTION", permission: "FULL", expiresInDays: "90", reason: "Authorization table" };
  const { requestId } = await requestKey({ actor: w.actors[REQUESTER], input });
  if (approved) await decideKeyRequest({ actor: w.actors.OWNER, input: { requestId, decision: "approve" } });
  return requestId;
};
// A member who has not chosen a password yet, and a one-time link of theirs.
const SESSION_USER: Role = "MEMBER";
const withoutPassword = async (w: World) => {
  const added = await addMember({ actor: w.actors.OWNER, input: { name: "Waiting", email: uniqueEmail("waiting"), role: "MEMBER" } });
  return { userId: added.userId, membershipId: (await db().membership.findFirstOrThrow({ where: { userId: added.userId } })).id };
};
const passwordLink = async (w: World, purpose: "SET_PASSWORD" | "RESET_PASSWORD") => {
  const userId = purpose === "SET_PASSWORD" ? (await withoutPassword(w)).userId : w.actors.MEMBER.userId;
  const { token } = await db().$transaction((tx) => issuePasswordToken(tx, { userId, organizationId: w.organization.id, purpose, now: new Date() }));
  return token;
};
const SSO_ENV = { OIDC_ISSUER: "http://127.0.0.1:1/issuer", OIDC_CLIENT_ID: "secret-keys", OIDC_CLIENT_SECRET: "not-used-here" };
// Every member with an authenticator app (confirmed, or only started), so
// whichever member calls has one.
const withAuthenticatorApps = async (w: World, confirmed = true) => {
  for (const member of w.members) await giveAuthenticatorApp(member.userId, { confirmed });
};
const currentCode = (secret: string) => totpCodeAt(secret, new Date());
const NEXT_AUTH = "next-auth's own sign-in, sign-out and CSRF endpoints: covered by lib/auth/*.integration.test.ts and e2e/sign-in.spec.ts";

const TABLE: Record<string, Row> = {
  "api/auth/[...nextauth]/route.ts#GET": { skip: NEXT_AUTH },
  "api/auth/[...nextauth]/route.ts#POST": { skip: NEXT_AUTH },
  "setup/actions.ts#completeSetupAction": {
    needs: "public",
    target: "own",
    changes: [],
    args: async () => [
      { organizationName: "Mallory Corp", name: "Mallory", email: uniqueEmail("mallory"), password: "mallory's long password" },
      "A".repeat(32),
    ],
  },
  "settings/audit-log/actions.ts#verifyAuditChainAction": { needs: "audit.view", target: "own", changes: [], args: async () => [] },
  "settings/audit-log/export/route.ts#GET": { needs: "audit.view", target: "own", changes: [], args: async () => get("/settings/audit-log/export") },
  // The email of someone the organization removed: adding it again takes
  // their account back, which only that organization may do.
  "settings/key-requests/actions.ts#requestKeyAction": {
    needs: "keys.create",
    target: "own",
    changes: ["requests"],
    args: (w) =>
      after(withApprovals(w), [
        { name: `Request ${Math.random()}`, environment: "PRODUCTION", permission: "FULL", expiresInDays: "90", reason: "For the table" },
      ]),
  },
  "settings/key-requests/actions.ts#requestRotationAction": {
    needs: "keys.rotate",
    target: "resource",
    changes: ["requests"],
    args: async (w) => {
      const key = await withKey(w);
      await withApprovals(w);
      return [{ keyId: key.id, grace: "1h", reason: "For the table" }];
    },
  },
  "settings/key-requests/actions.ts#decideKeyRequestAction": {
    needs: "keys.approve",
    target: "resource",
    changes: ["requests"],
    args: async (w) => [{ requestId: await productionRequest(w), decision: "approve" }],
  },
  "settings/key-requests/actions.ts#withdrawKeyRequestAction": {
    needs: "the requester",
    target: "resource",
    changes: ["requests"],
    args: async (w) => [{ requestId: await productionRequest(w) }],
  },
  "settings/key-requests/actions.ts#revealKeyRequestAction": {
    needs: "the requester",
    target: "resource",
    changes: ["requests", "keys"],
    args: async (w) => [{ requestId: await productionRequest(w, true) }],
  },
  "settings/responsibilities/actions.ts#setNamedPeopleAction": {
    needs: "settings.manage",
    target: "resource",
    changes: ["responsibilities"],
    args: async (w) => [{ responsibility: "PRODUCTION_APPROVER", membershipIds: w.members.filter((m) => m.role !== "MEMBER").map((m) => m.membershipId) }],
  },
  "settings/responsibilities/actions.ts#sendDigestNowAction": { needs: "settings.manage", target: "own", changes: ["notifications"], args: async () => [] },
  "settings/responsibilities/export/route.ts#GET": {
    needs: "any member",
    target: "own",
    changes: [],
    args: async () => get("/settings/responsibilities/export?format=csv"),
  },
  "settings/members/actions.ts#addMemberAction": {
    needs: "members.manage",
    target: "resource",
    elsewhere: "CONFLICT",
    changes: ["members", "formerMembers"],
    args: async (w) => {
      const former = await createMember(w.organization.id, "MEMBER");
      await removeMember({ actor: w.actors.OWNER, input: { membershipId: former.membershipId } });
      return [{ name: "Taken back", email: former.email, role: "ADMIN" }];
    },
  },
  "settings/members/actions.ts#issuePasswordLinkAction": {
    needs: "members.manage",
    target: "resource",
    changes: ["passwords"],
    args: async (w) => [{ membershipId: (await withoutPassword(w)).membershipId }],
  },
  "settings/members/actions.ts#changeMemberRoleAction": {
    needs: "members.manage",
    target: "resource",
    changes: ["members"],
    args: async (w) => [{ membershipId: (await createMember(w.organization.id, "MEMBER")).membershipId, role: "ADMIN" }],
  },
  "settings/members/actions.ts#removeMemberAction": {
    needs: "members.manage",
    target: "resource",
    changes: ["members", "sessions", "keys"],
    args: async (w) => {
      const member = await createMember(w.organization.id, "MEMBER");
      await createAuthSession({ userId: member.userId });
      await createKey({
        actor: w.actors.OWNER,
        input: { name: `Leaver's ${Math.random()}`, environment: "STAGING", permission: "FULL", expiresInDays: "never", ownerId: member.userId },
      });
      return [{ membershipId: member.membershipId, newKeyOwnerId: w.actors.ADMIN.userId }];
    },
  },
  "settings/notifications/actions.ts#markAllReadAction": { needs: "any member", target: "own", changes: ["notifications"], args: (w) => after(withKey(w)) },
  "settings/secret-keys/actions.ts#createKeyAction": {
    needs: "keys.create",
    target: "own",
    changes: ["keys"],
    args: async () => [{ name: `New key ${Math.random()}`, environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" }],
  },
  "settings/secret-keys/actions.ts#renameKeyAction": {
    needs: "keys.rename",
    target: "resource",
    changes: ["keys"],
    args: async (w) => [{ keyId: (await withKey(w)).id, name: "Renamed" }],
  },
  "settings/secret-keys/actions.ts#updateKeyDetailsAction": {
    needs: "keys.edit",
    target: "resource",
    changes: ["keys"],
    args: async (w) => [{ keyId: (await withKey(w)).id, ownerId: w.actors.MEMBER.userId, team: "Platform", description: "The member's export job" }],
  },
  "settings/secret-keys/actions.ts#deleteKeyAction": {
    needs: "keys.delete",
    target: "resource",
    changes: ["keys"],
    args: async (w) => [{ keyId: (await withKey(w)).id }],
  },
  "settings/secret-keys/actions.ts#deleteKeysAction": {
    needs: "keys.delete",
    target: "resource",
    changes: ["keys"],
    args: async (w) => [{ keyIds: [(await withKey(w)).id, (await withKey(w)).id] }],
  },
  "settings/secret-keys/actions.ts#rotateKeyAction": {
    needs: "keys.rotate",
    target: "resource",
    changes: ["keys"],
    args: async (w) => [{ keyId: (await withKey(w)).id, grace: "1h" }],
  },
  "settings/secret-keys/[id]/compromised/actions.ts#openIncidentAction": {
    needs: "incidents.run",
    target: "resource",
    changes: ["incidents"],
    args: async (w) => [(await withKey(w)).id],
  },
  "settings/secret-keys/[id]/compromised/actions.ts#revokeAction": {
    needs: "incidents.run",
    target: "resource",
    changes: ["incidents", "keys"],
    args: async (w) => [await incidentBefore(w, "revoke")],
  },
  "settings/secret-keys/[id]/compromised/actions.ts#replaceAction": {
    needs: "incidents.run",
    target: "resource",
    changes: ["incidents", "keys"],
    args: async (w) => [await incidentBefore(w, "replace"), { name: "Replacement" }],
  },
  "settings/secret-keys/[id]/compromised/actions.ts#updateAppsAction": {
    needs: "incidents.run",
    target: "resource",
    changes: ["incidents"],
    args: async (w) => [await incidentBefore(w, "update_apps"), { entries: [] }],
  },
  "settings/secret-keys/[id]/compromised/actions.ts#reviewAction": {
    needs: "incidents.run",
    target: "resource",
    changes: ["incidents"],
    args: async (w) => [await incidentBefore(w, "review"), { from: "2020-01-01", to: new Date().toISOString().slice(0, 10), suspicious: 0 }],
  },
  "settings/secret-keys/[id]/compromised/actions.ts#notifyAction": {
    needs: "incidents.run",
    target: "resource",
    changes: ["incidents", "notifications"],
    args: async (w) => [await incidentBefore(w, "notify"), { message: "Switch to the replacement." }],
  },
  "settings/secret-keys/[id]/compromised/actions.ts#closeAction": {
    needs: "incidents.run",
    target: "resource",
    changes: ["incidents"],
    args: async (w) => [await incidentBefore(w, "close")],
  },
  "settings/secret-keys/[id]/compromised/activity/route.ts#GET": {
    needs: "incidents.run",
    target: "resource",
    changes: [],
    args: (w) => keyRoute(w, "activity"),
  },
  "settings/secret-keys/[id]/compromised/summary/route.ts#GET": {
    needs: "incidents.run",
    target: "resource",
    changes: [],
    args: (w) => keyRoute(w, "summary?format=json"),
  },
  "settings/actions.ts#reauthenticateAction": {
    needs: "any member",
    target: "own",
    changes: ["sessions"],
    args: async () => [{ method: "password", password: TEST_PASSWORD }],
  },
  "settings/security/actions.ts#changePasswordAction": {
    needs: "any member",
    target: "own",
    changes: ["passwords"],
    args: async () => [{ currentPassword: TEST_PASSWORD, newPassword: `a fresh password of ${Math.random().toString(36).slice(2, 8)}` }],
  },
  "settings/sessions/actions.ts#endSessionAction": {
    needs: "the session's user",
    target: "resource",
    changes: ["sessions"],
    args: async (w) => {
      const { sessionId } = await createAuthSession({ userId: w.actors[SESSION_USER].userId });
      return [{ handle: (await db().authSession.findUniqueOrThrow({ where: { id: sessionId } })).handle }];
    },
  },
  "set-password/actions.ts#describeSetPasswordLinkAction": {
    needs: "anyone",
    target: "resource",
    changes: [],
    args: async (w) => [await passwordLink(w, "SET_PASSWORD")],
  },
  "set-password/actions.ts#setPasswordAction": {
    needs: "anyone",
    target: "resource",
    changes: ["passwords", "audit"],
    args: async (w) => [{ token: await passwordLink(w, "SET_PASSWORD"), password: "my own chosen password" }],
  },
  "reset-password/actions.ts#describeResetLinkAction": {
    needs: "anyone",
    target: "resource",
    changes: [],
    args: async (w) => [await passwordLink(w, "RESET_PASSWORD")],
  },
  "reset-password/actions.ts#resetPasswordAction": {
    needs: "anyone",
    target: "resource",
    changes: ["passwords", "audit"],
    args: async (w) => [{ token: await passwordLink(w, "RESET_PASSWORD"), password: "my own chosen password" }],
  },
  // The victim's member's email: a reset link is emailed to them, whoever asks.
  "forgot-password/actions.ts#requestPasswordResetAction": {
    needs: "anyone",
    target: "resource",
    changes: ["deliveries", "passwords"],
    args: async (w) => [{ email: w.members.find((m) => m.role === "MEMBER")!.email }],
  },
  "settings/sessions/actions.ts#revokeOtherSessionsAction": {
    needs: "any member",
    target: "own",
    changes: ["sessions"],
    args: async (w) => {
      for (const member of w.members) await createAuthSession({ userId: member.userId });
      return [];
    },
  },
  "settings/security/actions.ts#setGranularScopesAction": {
    needs: "settings.manage",
    target: "own",
    changes: ["settings"],
    args: async () => [{ enabled: true }],
  },
  "settings/security/actions.ts#setProductionApprovalAction": {
    needs: "settings.manage",
    target: "own",
    changes: ["settings"],
    args: (w) => after(createMember(w.organization.id, "OWNER"), [{ enabled: true }]),
  },
  "settings/security/actions.ts#setSsoJoinAction": { needs: "settings.manage", target: "own", changes: ["settings"], args: async () => [{ enabled: true }] },
  // The break-glass owner named is the organization's own owner: another
  // organization's owner naming them gets NOT_FOUND.
  "settings/security/actions.ts#setSsoRequiredAction": {
    needs: "settings.manage",
    target: "resource",
    changes: ["settings"],
    args: async (w) => [{ required: true, breakGlassMembershipId: w.members.find((m) => m.role === "OWNER")!.membershipId }],
  },
  "settings/security/actions.ts#setRequireTwoFactorAction": {
    needs: "settings.manage",
    target: "own",
    changes: ["settings"],
    args: (w) => after(withAuthenticatorApps(w), [{ enabled: true }]),
  },
  "settings/security/actions.ts#startAppEnrolmentAction": { needs: "any member", target: "own", changes: ["secondFactors"], args: async () => [] },
  "settings/security/actions.ts#confirmAppEnrolmentAction": {
    needs: "any member",
    target: "own",
    changes: ["secondFactors"],
    args: async (w) => {
      await withAuthenticatorApps(w, false);
      return [{ code: currentCode((await giveAuthenticatorApp(w.members[0].userId, { confirmed: false })).secret) }];
    },
  },
  "settings/security/actions.ts#regenerateRecoveryCodesAction": {
    needs: "any member",
    target: "own",
    changes: ["secondFactors"],
    args: (w) => after(withAuthenticatorApps(w)),
  },
  "settings/security/actions.ts#removeAuthenticatorAppAction": {
    needs: "any member",
    target: "own",
    changes: ["secondFactors"],
    args: async (w) => {
      await withAuthenticatorApps(w);
      return [{ password: TEST_PASSWORD, code: currentCode((await giveAuthenticatorApp(w.members[0].userId)).secret) }];
    },
  },
  "settings/security/actions.ts#startPasskeyRegistrationAction": { needs: "any member", target: "own", changes: [], args: async () => [] },
  "settings/security/actions.ts#finishPasskeyRegistrationAction": {
    needs: "any member",
    target: "own",
    changes: ["secondFactors"],
    args: async (w) => [{ name: "Laptop", response: await passkeyRegistrationFor(w.members.map((m) => m.userId)) }],
  },
  "settings/security/actions.ts#renamePasskeyAction": {
    needs: "the session's user",
    target: "resource",
    changes: ["secondFactors"],
    args: async (w) => [{ passkeyId: (await givePasskey(w.actors[SESSION_USER].userId)).id, name: "Renamed" }],
  },
  "settings/security/actions.ts#removePasskeyAction": {
    needs: "the session's user",
    target: "resource",
    changes: ["secondFactors"],
    args: async (w) => [{ passkeyId: (await givePasskey(w.actors[SESSION_USER].userId)).id }],
  },
  "settings/actions.ts#startPasskeyReauthAction": { needs: "any member", target: "own", changes: [], args: async () => [] },
  "signin/actions.ts#startPasskeySignInAction": { needs: "anyone", target: "own", changes: [], args: async () => [] },
  "settings/security/actions.ts#setWebhookAction": { needs: "settings.manage", target: "own", changes: ["webhook"], args: async () => [{ url: WEBHOOK_URL }] },
  "settings/security/actions.ts#setWebhookEventsAction": {
    needs: "settings.manage",
    target: "own",
    changes: ["webhook"],
    args: (w) => after(withWebhook(w), [{ events: ["incident.opened", "key.created"] }]),
  },
  "settings/security/actions.ts#sendTestWebhookAction": {
    needs: "settings.manage",
    target: "own",
    changes: ["deliveries"],
    args: (w) => after(withWebhook(w)),
  },
  "settings/security/actions.ts#removeWebhookAction": { needs: "settings.manage", target: "own", changes: ["webhook"], args: (w) => after(withWebhook(w)) },
  "settings/security/actions.ts#sendTestEmailAction": { needs: "settings.manage", target: "own", changes: [], args: async () => [] },
  "settings/security/actions.ts#retryWebhookDeliveryAction": {
    needs: "settings.manage",
    target: "resource",
    changes: ["deliveries"],
    args: async (w) => {
      await withWebhook(w);
      return [{ deliveryId: (await createFailedDeliveryFixture(w.organization.id)).id }];
    },
  },
};

const ENTRIES = await discoverServerEntries(path.dirname(fileURLToPath(import.meta.url)));
const ROLES: Role[] = ["OWNER", "ADMIN", "SECURITY", "MEMBER"];
type Caller = { role: Role; whose: "own" | "other" } | null;
type CheckedRow = Exclude<Row, { skip: string }>;

// What ROLE_PERMISSIONS says should happen.
function expectedOutcome(row: CheckedRow, caller: Caller): string {
  // First-run setup is the one public action: once an organization exists it is refused to everyone.
  if (row.needs === "public") return "SETUP_COMPLETE";
  if (row.needs === "anyone") return "OK";
  if (!caller) return "UNAUTHENTICATED";
  if (row.needs === "the requester") return caller.whose === "other" ? "NOT_FOUND" : caller.role === REQUESTER ? "OK" : "FORBIDDEN";
  if (row.needs === "the session's user") return caller.whose === "own" && caller.role === SESSION_USER ? "OK" : "NOT_FOUND";
  if (row.needs !== "any member" && !can(caller.role, row.needs)) return "FORBIDDEN";
  return caller.whose === "other" && row.target === "resource" ? (row.elsewhere ?? "NOT_FOUND") : "OK";
}

const STATUS_OUTCOMES: Record<number, string> = { 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND" };

// An action's result code, or a route handler's status as the same code.
async function outcomeOf(result: unknown): Promise<{ outcome: string; body: string }> {
  if (result instanceof Response) {
    const body = await result.text();
    return { outcome: result.ok ? "OK" : (STATUS_OUTCOMES[result.status] ?? `HTTP ${result.status}`), body };
  }
  const action = result as ActionResult<unknown>;
  return { outcome: action.ok ? "OK" : action.code, body: JSON.stringify(action) };
}

beforeAll(async () => {
  // sendTestWebhookAction delivers every due webhook of its database.
  await useFreshDatabase();
  process.env.WEBHOOK_ALLOW_PRIVATE = "true";
  // Like the webhook, a closed loopback port: a test email is tried and fails.
  process.env.SMTP_URL = "smtp://127.0.0.1:1";
  process.env.SMTP_FROM = "security@example.test";
  // Requiring SSO needs it configured; nothing is fetched from the issuer.
  Object.assign(process.env, SSO_ENV);
});
afterAll(() => {
  for (const name of ["WEBHOOK_ALLOW_PRIVATE", "SMTP_URL", "SMTP_FROM", ...Object.keys(SSO_ENV)]) delete process.env[name];
});

it("every action and route handler the app exports has a row, and every row an export", () => {
  expect(
    [...ENTRIES.keys()].filter((id) => !(id in TABLE)),
    "exports without a row in TABLE",
  ).toEqual([]);
  expect(
    Object.keys(TABLE).filter((id) => !ENTRIES.has(id)),
    "rows in TABLE without an export",
  ).toEqual([]);
});

const ROWS = Object.entries(TABLE).filter((entry): entry is [string, CheckedRow] => !("skip" in entry[1]));
const CALLERS: Caller[] = [...ROLES.flatMap((role) => (["own", "other"] as const).map((whose) => ({ role, whose }))), null];

describe.each(ROWS)("%s", (id, row) => {
  const cases = CALLERS.map((caller) => {
    const who = caller ? `${caller.role} of ${caller.whose === "own" ? "its" : "another"} organization` : "no session";
    return [`${who}: ${expectedOutcome(row, caller)}`, caller] as const;
  });

  it.each(cases)("%s", async (_name, caller) => {
    const victim = await createOrganizationWithAllRoles();
    const args = await row.args(victim);
    const stranger = caller?.whose === "other" ? await createOrganizationWithAllRoles() : null;
    // The stranger has the same things in its own organization, so a
    // refusal is about whose they are.
    if (stranger) await row.args(stranger);
    const acting = stranger ?? victim;
    // Re-authenticated a moment ago, so this table is about roles and
    // organizations; app/reauthentication.integration.test.ts is about that.
    request.cookie = caller
      ? await createSessionCookie(acting.members.find((m) => m.role === caller.role)!.userId, { reauthenticatedAt: new Date() })
      : undefined;
    const snapshots = async () => ({
      victim: await snapshotOrganization(victim.organization.id),
      stranger: stranger && (await snapshotOrganization(stranger.organization.id)),
    });

    const before = await snapshots();
    const { outcome, body } = await outcomeOf(await ENTRIES.get(id)!(...args));
    const after = await snapshots();

    const expected = expectedOutcome(row, caller);
    expect(outcome, body).toBe(expected);
    if (expected !== "OK") {
      expect(after, "a refused call changes nothing").toEqual(before);
    } else {
      // A one-time link acts on its own account, whoever holds it.
      const acrossOrganizations = row.needs !== "anyone";
      if (stranger && acrossOrganizations) expect(after.victim, "a call from another organization leaves this one alone").toEqual(before.victim);
      const side = stranger && acrossOrganizations ? "stranger" : "victim";
      const changed = (snapshot: typeof before) => pick(snapshot[side]!, row.changes);
      if (row.changes.length > 0) expect(changed(after), `an allowed call changes ${row.changes.join(", ")}`).not.toEqual(changed(before));
    }
    if (stranger) {
      const markers = [victim.organization.id, victim.organization.name, ...before.victim.keys.flatMap((key) => [key.id, key.name])];
      for (const marker of markers) expect(body, "the answer to another organization names nothing of this one").not.toContain(marker);
    }
  });
});
