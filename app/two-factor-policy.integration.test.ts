import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/action-result";
import { TWO_FACTOR_REQUIRED_MESSAGE } from "@/lib/auth/current-member";
import { db } from "@/lib/db/client";
import { discoverServerEntries } from "@/lib/testing/app-files";
import { createKeyFixture, createOrganizationWithAllRoles, createSessionCookie, giveAuthenticatorApp } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { snapshotOrganization } from "@/lib/testing/organization-snapshot";

// While an organization requires two-factor sign-in, a member without a
// second factor reaches the enrolment and nothing else: every other server
// action answers FORBIDDEN and every route handler 401, with nothing changed.

const request = vi.hoisted(() => ({ cookie: undefined as { name: string; value: string } | undefined }));
vi.mock("next/headers", async () => {
  const { CLIENT_ADDRESS_HEADER } = await import("@/lib/auth/client-address");
  return {
    cookies: async () => ({ get: (name: string) => (request.cookie?.name === name ? request.cookie : undefined) }),
    headers: async () => new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.52", "user-agent": "two-factor policy" }),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

// What a member who must enrol may still call: the enrolment, the
// re-authentication it may ask for, and what needs no session at all.
const OPEN_WHILE_ENROLLING = new Set([
  "settings/security/actions.ts#startAppEnrolmentAction",
  "settings/security/actions.ts#confirmAppEnrolmentAction",
  "settings/security/actions.ts#startPasskeyRegistrationAction",
  "settings/security/actions.ts#finishPasskeyRegistrationAction",
  "settings/actions.ts#reauthenticateAction",
  "settings/actions.ts#startPasskeyReauthAction",
]);
const WITHOUT_SESSION = /^(setup|signin|set-password|reset-password|forgot-password|api\/auth)\//;

const ENTRIES = await discoverServerEntries(path.dirname(fileURLToPath(import.meta.url)));

beforeAll(async () => {
  await useFreshDatabase();
});

it("refuses every other action and route to a member who must still enrol, and lets them enrol", async () => {
  const world = await createOrganizationWithAllRoles();
  const key = await createKeyFixture(world.actors.OWNER);
  await giveAuthenticatorApp(world.actors.OWNER.userId);
  await db().organization.update({ where: { id: world.organization.id }, data: { requireTwoFactor: true } });
  // An admin, re-authenticated a moment ago: the policy holds whatever the role.
  request.cookie = await createSessionCookie(world.actors.ADMIN.userId, { reauthenticatedAt: new Date() });
  const before = await snapshotOrganization(world.organization.id);

  const checked: string[] = [];
  for (const [id, handler] of ENTRIES) {
    if (OPEN_WHILE_ENROLLING.has(id) || WITHOUT_SESSION.test(id)) continue;
    const args = id.includes("route.ts")
      ? [new Request(`http://localhost/settings/x?format=json`), { params: Promise.resolve({ id: key.id }) }]
      : [{ keyId: key.id, enabled: false, name: "Changed", membershipId: world.members[3].membershipId, role: "OWNER" }];
    const result = await handler(...args);
    if (result instanceof Response) {
      expect(result.status, id).toBe(401);
    } else {
      expect(result, id).toMatchObject({ ok: false, code: "FORBIDDEN", message: TWO_FACTOR_REQUIRED_MESSAGE } satisfies Partial<ActionResult>);
    }
    checked.push(id);
  }
  expect(checked.length).toBeGreaterThan(40);
  expect(await snapshotOrganization(world.organization.id)).toEqual(before);

  const started = (await ENTRIES.get("settings/security/actions.ts#startAppEnrolmentAction")!()) as ActionResult<{ secret: string }>;
  expect(started.ok).toBe(true);
});
