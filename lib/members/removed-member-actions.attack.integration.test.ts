import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { openIncident } from "@/lib/incidents/open-incident";
import { requestRotation } from "@/lib/key-requests/request-key";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey, deleteKeys } from "@/lib/keys/delete-key";
import { renameKey } from "@/lib/keys/rename-key";
import { rotateKey } from "@/lib/keys/rotate-key";
import { updateKeyDetails } from "@/lib/keys/update-key-details";
import { setGranularScopes } from "@/lib/organization/set-granular-scopes";
import { setProductionApproval } from "@/lib/organization/set-production-approval";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { raceBehindAuditChain } from "@/lib/testing/lock-waits";
import { setWebhookEndpoint } from "@/lib/webhooks/webhook-endpoint";
import { addMember } from "./add-member";
import { changeMemberRole, removeMember } from "./change-member";
import { changePassword } from "@/lib/auth/change-password";
import { TEST_PASSWORD } from "@/lib/testing/fixtures";
import { confirmAppEnrolment, startAppEnrolment } from "@/lib/two-factor/authenticator-app";
import { totpCodeAt } from "@/lib/two-factor/totp";

// A database of this file's own: the races count the transactions waiting for a lock.
beforeAll(async () => {
  await useFreshDatabase();
});

type World = Awaited<ReturnType<typeof createOrganizationWithAllRoles>>;
const membershipOf = (world: World, role: string) => world.members.find((m) => m.role === role)!.membershipId;
const staging = (name: string, ownerId?: string) => ({ name, environment: "STAGING", permission: "FULL", expiresInDays: "30", ownerId });

// What a member sends just as they are removed (or demoted): each takes the
// caller, the world and a staging key someone else owns.
const ACTIONS: Record<string, (actor: Actor, world: World, keyId: string) => Promise<unknown>> = {
  "create a key": (actor) => createKey({ actor, input: staging(`late ${Math.random()}`) }),
  "create a key for another member": (actor, world) => createKey({ actor, input: staging(`late ${Math.random()}`, world.actors.MEMBER.userId) }),
  "rename a key": (actor, _world, keyId) => renameKey({ actor, input: { keyId, name: "renamed late" } }),
  "edit a key's details": (actor, world, keyId) => updateKeyDetails({ actor, input: { keyId, ownerId: world.actors.MEMBER.userId, team: "late" } }),
  "rotate a key": (actor, _world, keyId) => rotateKey({ actor, input: { keyId, grace: "1h" } }),
  "delete a key": (actor, _world, keyId) => deleteKey({ actor, input: { keyId } }),
  "delete keys": (actor, _world, keyId) => deleteKeys({ actor, input: { keyIds: [keyId] } }),
  "request a rotation": (actor, _world, keyId) => requestRotation({ actor, input: { keyId, grace: "1h", reason: "Late." } }),
};

async function keyOfOwner(world: World) {
  return (await createKey({ actor: world.actors.OWNER, input: staging(`target ${Math.random()}`) })).key.id;
}

describe("a member's action that reaches the database while they are being removed", () => {
  it.each(Object.keys(ACTIONS))("%s: waits for the removal and is refused, changing nothing", async (name) => {
    const world = await createOrganizationWithAllRoles();
    const keyId = await keyOfOwner(world);
    const { first: removal, second: action } = await raceBehindAuditChain(
      world.organization.id,
      () => removeMember({ actor: world.actors.OWNER, input: { membershipId: membershipOf(world, "ADMIN") } }),
      () => ACTIONS[name](world.actors.ADMIN, world, keyId),
    );
    expect(removal.outcome).toBe("done");
    expect(action.outcome).toBe("FORBIDDEN");
    expect(await db().auditEvent.count({ where: { organizationId: world.organization.id, actorUserId: world.actors.ADMIN.userId } })).toBe(0);
  });

  const SETTINGS: Record<string, (actor: Actor) => Promise<unknown>> = {
    "per-scope keys": (actor) => setGranularScopes({ actor, input: { enabled: false } }),
    "the incident webhook": (actor) => setWebhookEndpoint({ actor, input: { url: "https://hooks.example.test/late" } }),
    "production approvals": (actor) => setProductionApproval({ actor, input: { enabled: true } }),
    "the members (adding one)": (actor) => addMember({ actor, input: { email: `late-${Math.random()}@example.test`, name: "Late", role: "MEMBER" } }),
  };
  it.each(Object.keys(SETTINGS))("an owner being removed by another owner changing %s is refused", async (name) => {
    const world = await createOrganizationWithAllRoles();
    await changeMemberRole({ actor: world.actors.OWNER, input: { membershipId: membershipOf(world, "ADMIN"), role: "OWNER" } });
    const { first: removal, second: change } = await raceBehindAuditChain(
      world.organization.id,
      () => removeMember({ actor: world.actors.OWNER, input: { membershipId: membershipOf(world, "ADMIN") } }),
      () => SETTINGS[name]({ ...world.actors.ADMIN, role: "OWNER" }),
    );
    expect(removal.outcome).toBe("done");
    expect(change.outcome).toBe("FORBIDDEN");
  });

  it("a security lead's incident, opened as they are removed, is refused", async () => {
    const world = await createOrganizationWithAllRoles();
    const keyId = await keyOfOwner(world);
    const { first: removal, second: incident } = await raceBehindAuditChain(
      world.organization.id,
      () => removeMember({ actor: world.actors.OWNER, input: { membershipId: membershipOf(world, "SECURITY") } }),
      () => openIncident({ actor: world.actors.SECURITY, keyId }),
    );
    expect(removal.outcome).toBe("done");
    expect(incident.outcome).toBe("FORBIDDEN");
  });
});

describe("a member's action that reaches the database while they are demoted", () => {
  it("a key created by an admin being made a member is refused", async () => {
    const world = await createOrganizationWithAllRoles();
    const { first: demotion, second: creation } = await raceBehindAuditChain(
      world.organization.id,
      () => changeMemberRole({ actor: world.actors.OWNER, input: { membershipId: membershipOf(world, "ADMIN"), role: "MEMBER" } }),
      () => createKey({ actor: world.actors.ADMIN, input: staging("made while demoted") }),
    );
    expect(demotion.outcome).toBe("done");
    expect(creation.outcome).toBe("FORBIDDEN");
    expect(await db().secretKey.count({ where: { organizationId: world.organization.id, name: "made while demoted" } })).toBe(0);
  });
});

describe("a change of their own account that reaches the database as they are removed", () => {
  const ACCOUNT: Record<string, (actor: Actor) => Promise<() => Promise<unknown>>> = {
    "confirming an authenticator app": async (actor) => {
      const { secret } = await startAppEnrolment({ actor });
      const now = new Date();
      return () => confirmAppEnrolment({ actor, input: { code: totpCodeAt(secret, now) }, now });
    },
    "changing their password": async (actor) => () =>
      changePassword({ actor, input: { currentPassword: TEST_PASSWORD, newPassword: "a sturdy new password of theirs" } }),
  };
  it.each(Object.keys(ACCOUNT))("%s: waits for the removal and is refused", async (name) => {
    const world = await createOrganizationWithAllRoles();
    const change = await ACCOUNT[name](world.actors.MEMBER);
    const { first: removal, second: outcome } = await raceBehindAuditChain(
      world.organization.id,
      () => removeMember({ actor: world.actors.OWNER, input: { membershipId: membershipOf(world, "MEMBER") } }),
      change,
    );
    expect(removal.outcome).toBe("done");
    expect(outcome.outcome).toBe("FORBIDDEN");
    expect(await db().auditEvent.count({ where: { organizationId: world.organization.id, actorUserId: world.actors.MEMBER.userId } })).toBe(0);
  });
});
