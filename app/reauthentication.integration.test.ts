import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/action-result";
import { REAUTHENTICATION_RULES, REAUTHENTICATION_WINDOW_MS, SENSITIVE_ACTIONS, type SensitiveAction } from "@/lib/auth/reauthentication-rules";
import { db } from "@/lib/db/client";
import { decideKeyRequest } from "@/lib/key-requests/decide-key-request";
import { requestKey, requestRotation } from "@/lib/key-requests/request-key";
import { createKey } from "@/lib/keys/create-key";
import { setProductionApproval } from "@/lib/organization/set-production-approval";
import { discoverServerEntries } from "@/lib/testing/app-files";
import {
  createKeyFixture,
  createMember,
  createOrganizationWithAllRoles,
  createSessionCookie,
  giveAuthenticatorApp,
  givePasskey,
  passkeyRegistrationFor,
  TEST_PASSWORD,
  uniqueEmail,
} from "@/lib/testing/fixtures";
import { totpCodeAt } from "@/lib/two-factor/totp";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { pick, snapshotOrganization, type Probe } from "@/lib/testing/organization-snapshot";
import { setWebhookEndpoint } from "@/lib/webhooks/webhook-endpoint";
import { getSsoPolicy } from "@/lib/sso/sso-policy";

// Every dangerous action (lib/auth/reauthentication-rules.ts), called for real
// as an owner whose session has not confirmed its password lately: refused
// with REAUTH_REQUIRED and nothing changed; after the password dialog it
// works; 10 minutes later it is refused again; and another session of the
// same owner does not inherit the confirmation.

const request = vi.hoisted(() => ({ cookie: undefined as { name: string; value: string } | undefined }));
vi.mock("next/headers", async () => {
  const { CLIENT_ADDRESS_HEADER } = await import("@/lib/auth/client-address");
  return {
    cookies: async () => ({ get: (name: string) => (request.cookie?.name === name ? request.cookie : undefined) }),
    headers: async () => new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.51", "user-agent": "reauthentication table" }),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

type World = Awaited<ReturnType<typeof createOrganizationWithAllRoles>>;
type Case = { action: string; args: (w: World) => Promise<unknown[]>; changes: Probe[] };

const WEBHOOK_URL = "http://127.0.0.1:1/hooks/reauth";
const keyIn = (w: World, environment: string) =>
  createKey({ actor: w.actors.OWNER, input: { name: `Key ${Math.random()}`, environment, permission: "FULL", expiresInDays: "never" } }).then((r) => r.key);
const withWebhook = (w: World) => setWebhookEndpoint({ actor: w.actors.OWNER, input: { url: WEBHOOK_URL } });
const approvedRotation = async (w: World) => {
  if ((await db().membership.count({ where: { organizationId: w.organization.id, role: "OWNER" } })) === 1) await createMember(w.organization.id, "OWNER");
  await setProductionApproval({ actor: w.actors.OWNER, input: { enabled: false } });
  const key = await createKeyFixture(w.actors.OWNER);
  await setProductionApproval({ actor: w.actors.OWNER, input: { enabled: true } });
  const { requestId } = await requestRotation({ actor: w.actors.OWNER, input: { keyId: key.id, grace: "1h", reason: "Reauth table" } });
  const approver = (
    await db().membership.findFirstOrThrow({ where: { organizationId: w.organization.id, role: "OWNER", userId: { not: w.actors.OWNER.userId } } })
  ).userId;
  await decideKeyRequest({ actor: { ...w.actors.OWNER, userId: approver, label: "second owner" }, input: { requestId, decision: "approve" } });
  return requestId;
};

const pendingRequest = async (w: World) => {
  if ((await db().membership.count({ where: { organizationId: w.organization.id, role: "OWNER" } })) === 1) await createMember(w.organization.id, "OWNER");
  await setProductionApproval({ actor: w.actors.OWNER, input: { enabled: true } });
  const input = { name: `Requested ${Math.random()}`, environment: "PRODUCTION", permission: "FULL", expiresInDays: "90", reason: "Reauth table" };
  return (await requestKey({ actor: w.actors.ADMIN, input })).requestId;
};

// Flips the setting each time, so the call after the dialog changes it.
const ssoJoinToggle = async (w: World) => [{ enabled: !(await getSsoPolicy(w.organization.id)).justInTime }];
const ssoRequiredToggle = async (w: World) =>
  (await getSsoPolicy(w.organization.id)).required
    ? [{ required: false }]
    : [{ required: true, breakGlassMembershipId: w.members.find((m) => m.role === "OWNER")!.membershipId }];

// Actions that ask for the password in their own form instead.
const OWN_FORM = SENSITIVE_ACTIONS.filter((action) => REAUTHENTICATION_RULES[action].ownPasswordField);

const CASES: Record<Exclude<SensitiveAction, "password.change" | "two_factor.remove">, Case[]> = {
  "two_factor.change": [
    { action: "settings/security/actions.ts#startAppEnrolmentAction", changes: ["secondFactors"], args: async () => [] },
    {
      action: "settings/security/actions.ts#confirmAppEnrolmentAction",
      changes: ["secondFactors"],
      args: async (w) => [{ code: totpCodeAt((await giveAuthenticatorApp(w.actors.OWNER.userId, { confirmed: false })).secret, new Date()) }],
    },
    { action: "settings/security/actions.ts#startPasskeyRegistrationAction", changes: [], args: async () => [] },
    {
      action: "settings/security/actions.ts#finishPasskeyRegistrationAction",
      changes: ["secondFactors"],
      args: async (w) => [{ name: "Laptop", response: await passkeyRegistrationFor([w.actors.OWNER.userId]) }],
    },
    {
      action: "settings/security/actions.ts#removePasskeyAction",
      changes: ["secondFactors"],
      args: async (w) => [{ passkeyId: (await givePasskey(w.actors.OWNER.userId)).id }],
    },
    {
      action: "settings/security/actions.ts#regenerateRecoveryCodesAction",
      changes: ["secondFactors"],
      args: async (w) => (await giveAuthenticatorApp(w.actors.OWNER.userId), []),
    },
  ],
  "two_factor.require": [
    {
      action: "settings/security/actions.ts#setRequireTwoFactorAction",
      changes: ["settings"],
      args: async (w) => {
        await giveAuthenticatorApp(w.actors.OWNER.userId);
        await db().organization.update({ where: { id: w.organization.id }, data: { requireTwoFactor: false } });
        return [{ enabled: true }];
      },
    },
  ],
  "sso.set": [
    { action: "settings/security/actions.ts#setSsoJoinAction", changes: ["settings"], args: ssoJoinToggle },
    { action: "settings/security/actions.ts#setSsoRequiredAction", changes: ["settings"], args: ssoRequiredToggle },
  ],
  "key.approve": [
    {
      action: "settings/key-requests/actions.ts#decideKeyRequestAction",
      changes: ["requests"],
      args: async (w) => [{ requestId: await pendingRequest(w), decision: "approve" }],
    },
  ],
  "approvals.set": [
    {
      action: "settings/security/actions.ts#setProductionApprovalAction",
      changes: ["settings"],
      args: async (w) => {
        await setProductionApproval({ actor: w.actors.OWNER, input: { enabled: false } }).catch(() => {});
        if ((await db().membership.count({ where: { organizationId: w.organization.id, role: "OWNER" } })) === 1)
          await createMember(w.organization.id, "OWNER");
        return [{ enabled: true }];
      },
    },
  ],
  "responsibilities.set": [
    {
      action: "settings/responsibilities/actions.ts#setNamedPeopleAction",
      changes: ["responsibilities"],
      args: async (w) => [{ responsibility: "BILLING_OWNER", membershipIds: [(await createMember(w.organization.id, "MEMBER")).membershipId] }],
    },
  ],
  "key.delete": [
    { action: "settings/secret-keys/actions.ts#deleteKeyAction", changes: ["keys"], args: async (w) => [{ keyId: (await keyIn(w, "PRODUCTION")).id }] },
    { action: "settings/secret-keys/actions.ts#deleteKeyAction", changes: ["keys"], args: async (w) => [{ keyId: (await keyIn(w, "CI_CD")).id }] },
    // One production key among staging ones: nothing is deleted without it.
    {
      action: "settings/secret-keys/actions.ts#deleteKeysAction",
      changes: ["keys"],
      args: async (w) => [{ keyIds: [(await keyIn(w, "STAGING")).id, (await keyIn(w, "PRODUCTION")).id, (await keyIn(w, "DEVELOPMENT")).id] }],
    },
  ],
  "key.rotate": [
    {
      action: "settings/secret-keys/actions.ts#rotateKeyAction",
      changes: ["keys"],
      args: async (w) => [{ keyId: (await keyIn(w, "PRODUCTION")).id, grace: "1h" }],
    },
    {
      action: "settings/secret-keys/actions.ts#rotateKeyAction",
      changes: ["keys"],
      args: async (w) => [{ keyId: (await keyIn(w, "CI_CD")).id, grace: "now" }],
    },
    {
      action: "settings/key-requests/actions.ts#revealKeyRequestAction",
      changes: ["keys", "requests"],
      args: async (w) => [{ requestId: await approvedRotation(w) }],
    },
  ],
  "incident.open": [
    {
      action: "settings/secret-keys/[id]/compromised/actions.ts#openIncidentAction",
      changes: ["incidents"],
      args: async (w) => [(await keyIn(w, "STAGING")).id],
    },
  ],
  "webhook.set": [{ action: "settings/security/actions.ts#setWebhookAction", changes: ["webhook"], args: async () => [{ url: WEBHOOK_URL }] }],
  "webhook.remove": [{ action: "settings/security/actions.ts#removeWebhookAction", changes: ["webhook"], args: async (w) => (await withWebhook(w), []) }],
  "webhook.events": [
    {
      action: "settings/security/actions.ts#setWebhookEventsAction",
      changes: ["webhook"],
      args: async (w) => (await withWebhook(w), [{ events: ["key.created"] }]),
    },
  ],
  "email.test": [{ action: "settings/security/actions.ts#sendTestEmailAction", changes: [], args: async () => [] }],
  "member.role_change": [
    {
      action: "settings/members/actions.ts#changeMemberRoleAction",
      changes: ["members"],
      args: async (w) => [{ membershipId: (await createMember(w.organization.id, "MEMBER")).membershipId, role: "ADMIN" }],
    },
  ],
  "member.add_owner": [
    {
      action: "settings/members/actions.ts#addMemberAction",
      changes: ["members"],
      args: async () => [{ name: "New owner", email: uniqueEmail("owner"), role: "OWNER" }],
    },
  ],
  "member.remove": [
    {
      action: "settings/members/actions.ts#removeMemberAction",
      changes: ["members"],
      args: async (w) => [{ membershipId: (await createMember(w.organization.id, "MEMBER")).membershipId }],
    },
  ],
};

const ENTRIES = await discoverServerEntries(path.dirname(fileURLToPath(import.meta.url)));
const call = async (action: string, args: unknown[]) => (await ENTRIES.get(action)!(...args)) as ActionResult<unknown>;
const codeOf = (result: ActionResult<unknown>) => (result.ok ? "OK" : result.code);
const SSO_ENV = { OIDC_ISSUER: "http://127.0.0.1:1/issuer", OIDC_CLIENT_ID: "secret-keys", OIDC_CLIENT_SECRET: "not-used-here" };
const reauthenticate = () => call("settings/actions.ts#reauthenticateAction", [{ method: "password", password: TEST_PASSWORD }]);

beforeAll(async () => {
  await useFreshDatabase();
  process.env.WEBHOOK_ALLOW_PRIVATE = "true";
  process.env.SMTP_URL = "smtp://127.0.0.1:1";
  process.env.SMTP_FROM = "security@example.test";
  // Requiring SSO needs it configured; nothing is fetched from the issuer.
  Object.assign(process.env, SSO_ENV);
});
afterAll(() => {
  for (const name of ["WEBHOOK_ALLOW_PRIVATE", "SMTP_URL", "SMTP_FROM", ...Object.keys(SSO_ENV)]) delete process.env[name];
});

it("every sensitive action has cases, and every case names an export", () => {
  expect(OWN_FORM.sort()).toEqual(["password.change", "two_factor.remove"]);
  expect(Object.keys(CASES).sort()).toEqual(SENSITIVE_ACTIONS.filter((action) => !OWN_FORM.includes(action)).sort());
  for (const cases of Object.values(CASES)) for (const { action } of cases) expect(ENTRIES.has(action), action).toBe(true);
});

const ROWS = Object.entries(CASES).flatMap(([rule, cases]) => cases.map((c, index) => [`${rule} #${index + 1}: ${c.action.split("#")[1]}`, c] as const));

describe.each(ROWS)("%s", (_name, row) => {
  it("is refused without a recent re-authentication, works after it, is refused 10 minutes later and in another session of the same owner", async () => {
    const world = await createOrganizationWithAllRoles();
    const owner = world.actors.OWNER.userId;
    const snapshot = () => snapshotOrganization(world.organization.id);
    const cookie = await createSessionCookie(owner);
    request.cookie = cookie;

    // A forged call from a browser that never confirmed its password.
    let args = await row.args(world);
    let before = await snapshot();
    const refused = await call(row.action, args);
    expect(refused).toMatchObject({ ok: false, code: "REAUTH_REQUIRED", message: expect.stringMatching(/password/) });
    expect(await snapshot(), "a refused call changes nothing").toEqual(before);

    // The dialog's password, then the same call.
    expect(codeOf(await reauthenticate())).toBe("OK");
    const allowed = await call(row.action, args);
    expect(codeOf(allowed), JSON.stringify(allowed)).toBe("OK");
    if (row.changes.length > 0) expect(pick(await snapshot(), row.changes)).not.toEqual(pick(before, row.changes));

    // Another browser of the same owner, which has not confirmed anything;
    // then the first browser, 11 minutes after its confirmation.
    args = await row.args(world);
    const otherBrowser = await createSessionCookie(owner);
    await db().authSession.update({ where: { id: cookie.sessionId }, data: { reauthenticatedAt: new Date(Date.now() - REAUTHENTICATION_WINDOW_MS - 60_000) } });
    before = await snapshot();
    for (const browser of [otherBrowser, cookie]) {
      request.cookie = browser;
      expect(codeOf(await call(row.action, args))).toBe("REAUTH_REQUIRED");
      expect(await snapshot()).toEqual(before);
    }
  });
});

describe("what does not need it", () => {
  it("deleting or rotating staging and development keys, adding a member who is not an owner, and a password change (which asks the current password itself)", async () => {
    const world = await createOrganizationWithAllRoles();
    request.cookie = await createSessionCookie(world.actors.OWNER.userId);
    for (const role of ["ADMIN", "SECURITY", "MEMBER"]) {
      expect(codeOf(await call("settings/members/actions.ts#addMemberAction", [{ name: "New member", email: uniqueEmail(role.toLowerCase()), role }]))).toBe(
        "OK",
      );
    }
    expect(codeOf(await call("settings/secret-keys/actions.ts#deleteKeyAction", [{ keyId: (await keyIn(world, "STAGING")).id }]))).toBe("OK");
    expect(codeOf(await call("settings/secret-keys/actions.ts#rotateKeyAction", [{ keyId: (await keyIn(world, "DEVELOPMENT")).id, grace: "1h" }]))).toBe("OK");
    const change = (currentPassword: string) =>
      call("settings/security/actions.ts#changePasswordAction", [{ currentPassword, newPassword: "a new and fresh password" }]);
    expect(await change("not my password")).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { currentPassword: [expect.any(String)] } });
    expect(codeOf(await change(TEST_PASSWORD))).toBe("OK");
  });
});

describe("the re-authentication itself", () => {
  it("holds for its own session only, is audited, and a wrong password changes nothing", async () => {
    const world = await createOrganizationWithAllRoles();
    const cookie = await createSessionCookie(world.actors.ADMIN.userId);
    const other = await createSessionCookie(world.actors.ADMIN.userId);
    request.cookie = cookie;
    const wrong = await call("settings/actions.ts#reauthenticateAction", [{ method: "password", password: "not the password" }]);
    expect(wrong).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { password: ["That is not your password."] } });
    for (const input of [
      null,
      {},
      { method: "totp", code: "123456" },
      { method: "password" },
      { method: "password", password: "x".repeat(257) },
      { ["__proto__"]: { method: "password" } },
    ]) {
      expect(codeOf(await call("settings/actions.ts#reauthenticateAction", [input])), JSON.stringify(input)).toBe("INVALID_INPUT");
    }
    const stamps = async () =>
      (await db().authSession.findMany({ where: { id: { in: [cookie.sessionId, other.sessionId] } }, orderBy: { id: "asc" } })).map((s) => s.reauthenticatedAt);
    expect(await stamps()).toEqual([null, null]);
    expect(codeOf(await reauthenticate())).toBe("OK");
    const session = await db().authSession.findUniqueOrThrow({ where: { id: cookie.sessionId } });
    expect(session.reauthenticatedAt).not.toBeNull();
    expect((await db().authSession.findUniqueOrThrow({ where: { id: other.sessionId } })).reauthenticatedAt).toBeNull();
    const events = await db().auditEvent.findMany({ where: { organizationId: world.organization.id, action: { startsWith: "auth.reauthentication" } } });
    expect(events.map((e) => e.action)).toEqual(["auth.reauthentication_failed"]);
    expect(await db().auditEvent.count({ where: { organizationId: world.organization.id, action: "auth.reauthenticated" } })).toBe(1);
    expect(JSON.stringify(await db().auditEvent.findMany({ where: { organizationId: world.organization.id } }))).not.toContain(TEST_PASSWORD);
  });
});
