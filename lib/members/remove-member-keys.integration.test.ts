import { beforeAll, describe, expect, it } from "vitest";
import { toActionError } from "@/lib/action-result";
import { verifyOwnAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey } from "@/lib/keys/delete-key";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { holdAuditChain, holdKeyRow, raceBehindAuditChain, waitForLockWaiters } from "@/lib/testing/lock-waits";
import { deleteKeys } from "@/lib/keys/delete-key";
import { renameKey } from "@/lib/keys/rename-key";
import { createAuthSession, revokeOtherAuthSessions } from "@/lib/auth/auth-sessions";
import { requestKey } from "@/lib/key-requests/request-key";
import { withdrawKeyRequest } from "@/lib/key-requests/withdraw-key-request";
import { setProductionApproval } from "@/lib/organization/set-production-approval";
import { setNamedPeople } from "@/lib/responsibilities/set-named-people";
import { snapshotOrganization } from "@/lib/testing/organization-snapshot";
import { removeMember } from "./change-member";

type World = Awaited<ReturnType<typeof createOrganizationWithAllRoles>>;

// A database of this file's own: the race tests count the transactions waiting for a lock.
beforeAll(async () => {
  await useFreshDatabase();
});

const input = (name: string, ownerId?: string) => ({ name, environment: "STAGING", permission: "FULL", expiresInDays: "30", ownerId });
const membershipOf = (world: World, role: keyof World["actors"]) => world.members.find((m) => m.role === role)!.membershipId;

// Live keys of the organization whose owner is not one of its members.
async function orphans(organizationId: string) {
  return db().$queryRaw<{ id: string }[]>`
    SELECT k."id" FROM "SecretKey" k
    WHERE k."organizationId" = ${organizationId} AND k."deletedAt" IS NULL AND k."ownerId" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = k."ownerId" AND m."organizationId" = k."organizationId")`;
}

describe("removing a member hands their live keys on", () => {
  it("to the remover by default, one audit event per key; deleted keys keep their owner for history", async () => {
    const world = await createOrganizationWithAllRoles();
    const { actors } = world;
    const live = await Promise.all(["one", "two", "three"].map(async (name) => (await createKey({ actor: actors.ADMIN, input: input(name) })).key));
    const { key: deleted } = await createKey({ actor: actors.ADMIN, input: input("deleted") });
    await deleteKey({ actor: actors.OWNER, input: { keyId: deleted.id } });
    const { key: others } = await createKey({ actor: actors.ADMIN, input: input("someone else's", actors.MEMBER.userId) });

    expect(await removeMember({ actor: actors.OWNER, input: { membershipId: membershipOf(world, "ADMIN") } })).toEqual({ keysHandedOver: 3 });

    const owners = await db().secretKey.findMany({ where: { organizationId: world.organization.id }, select: { id: true, ownerId: true } });
    const ownerOf = (id: string) => owners.find((row) => row.id === id)?.ownerId;
    for (const key of live) expect(ownerOf(key.id)).toBe(actors.OWNER.userId);
    expect(ownerOf(deleted.id)).toBe(actors.ADMIN.userId);
    expect(ownerOf(others.id)).toBe(actors.MEMBER.userId);
    expect(await orphans(world.organization.id)).toEqual([]);

    const events = await db().auditEvent.findMany({ where: { organizationId: world.organization.id, action: "key.owner_changed" } });
    expect(events.map((event) => event.keyId).sort()).toEqual(live.map((key) => key.id).sort());
    expect(events[0].details).toMatchObject({ fromUserId: actors.ADMIN.userId, toUserId: actors.OWNER.userId, reason: "member_removed" });
    const removed = await db().auditEvent.findFirstOrThrow({ where: { organizationId: world.organization.id, action: "member.removed" } });
    expect(removed.details).toMatchObject({ keysHandedOver: 3, keysTo: expect.stringContaining("OWNER user <") });
    expect((await verifyOwnAuditChain(actors.OWNER)).ok).toBe(true);
    // The remover took them on themself: no notification about it.
    expect(await db().notification.count({ where: { userId: actors.OWNER.userId, title: { startsWith: "You now own" } } })).toBe(0);
  });

  it("to the member the remover chooses, who is told", async () => {
    const world = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: world.actors.OWNER, input: input("Security's", world.actors.SECURITY.userId) });
    await removeMember({ actor: world.actors.OWNER, input: { membershipId: membershipOf(world, "SECURITY"), newKeyOwnerId: world.actors.MEMBER.userId } });
    expect((await db().secretKey.findUniqueOrThrow({ where: { id: key.id } })).ownerId).toBe(world.actors.MEMBER.userId);
    expect(await db().notification.findFirst({ where: { userId: world.actors.MEMBER.userId, title: "You now own a key of SECURITY user" } })).toMatchObject({
      link: "/settings/secret-keys?owner=me",
    });
  });

  it("refuses a forged heir (another organization's member, the leaving member, a made-up id) and changes nothing", async () => {
    const world = await createOrganizationWithAllRoles();
    const stranger = await createOrganizationWithAllRoles();
    await createKey({ actor: world.actors.OWNER, input: input("Admin's", world.actors.ADMIN.userId) });
    const before = [await snapshotOrganization(world.organization.id), await snapshotOrganization(stranger.organization.id)];
    const heirs = [
      stranger.actors.OWNER.userId,
      world.actors.ADMIN.userId,
      "cmadeupuser00000000000000",
      "__proto__",
      "constructor",
      "",
      "x\u0000",
      "y".repeat(65),
    ];
    for (const newKeyOwnerId of heirs) {
      const error = await removeMember({ actor: world.actors.OWNER, input: { membershipId: membershipOf(world, "ADMIN"), newKeyOwnerId } }).catch(
        (e: unknown) => toActionError(e),
      );
      expect(error, newKeyOwnerId).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { newKeyOwnerId: expect.any(Array) } });
    }
    expect([await snapshotOrganization(world.organization.id), await snapshotOrganization(stranger.organization.id)]).toEqual(before);
  });

  it("refuses a role that may not manage members, changing nothing", async () => {
    const world = await createOrganizationWithAllRoles();
    await createKey({ actor: world.actors.OWNER, input: input("Member's", world.actors.MEMBER.userId) });
    const before = await snapshotOrganization(world.organization.id);
    for (const role of ["ADMIN", "SECURITY"] as const) {
      const error = await removeMember({
        actor: world.actors[role],
        input: { membershipId: membershipOf(world, "MEMBER"), newKeyOwnerId: world.actors[role].userId },
      }).catch((e: unknown) => toActionError(e));
      expect(error).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await snapshotOrganization(world.organization.id)).toEqual(before);
  });
});

describe("a key created by the member while they are being removed", () => {
  it("is handed on too: the removal waits for the creation and then sees its key", async () => {
    const world = await createOrganizationWithAllRoles();
    const { actors } = world;
    // An admin who can create keys is removed; their new key is stopped just before it commits.
    const chain = await holdAuditChain(world.organization.id);
    const creation = createKey({ actor: actors.ADMIN, input: input("Racing the removal") });
    await waitForLockWaiters(1);
    const removal = removeMember({ actor: actors.OWNER, input: { membershipId: membershipOf(world, "ADMIN"), newKeyOwnerId: actors.SECURITY.userId } });
    await waitForLockWaiters(2);
    await chain.release();
    const [{ key }, handed] = await Promise.all([creation, removal]);
    expect(handed).toEqual({ keysHandedOver: 1 });
    expect((await db().secretKey.findUniqueOrThrow({ where: { id: key.id } })).ownerId).toBe(actors.SECURITY.userId);
    expect(await orphans(world.organization.id)).toEqual([]);
  });

  it("is refused once the removal went first", async () => {
    const world = await createOrganizationWithAllRoles();
    const { actors } = world;
    const chain = await holdAuditChain(world.organization.id);
    const removal = removeMember({ actor: actors.OWNER, input: { membershipId: membershipOf(world, "ADMIN") } });
    await waitForLockWaiters(1);
    const creation = createKey({ actor: actors.ADMIN, input: input("Too late") }).catch((e: unknown) => toActionError(e));
    await waitForLockWaiters(2);
    await chain.release();
    expect(await removal).toEqual({ keysHandedOver: 0 });
    expect(await creation).toMatchObject({ code: "FORBIDDEN" });
    expect(await db().secretKey.count({ where: { organizationId: world.organization.id } })).toBe(0);
  });

  it("never leaves a live key with a non-member, however creations, rotations and removals interleave", async () => {
    for (let round = 0; round < 5; round++) {
      const world = await createOrganizationWithAllRoles();
      const { actors } = world;
      const { key } = await createKey({ actor: actors.ADMIN, input: input(`existing ${round}`) });
      await Promise.allSettled([
        createKey({ actor: actors.ADMIN, input: input(`new ${round}`) }),
        createKey({ actor: actors.OWNER, input: input(`given ${round}`, actors.ADMIN.userId) }),
        import("@/lib/keys/rotate-key").then(({ rotateKey }) => rotateKey({ actor: actors.OWNER, input: { keyId: key.id, grace: "1h" } })),
        removeMember({ actor: actors.OWNER, input: { membershipId: membershipOf(world, "ADMIN") } }),
      ]);
      expect(await db().membership.count({ where: { organizationId: world.organization.id, userId: actors.ADMIN.userId } })).toBe(0);
      expect(await orphans(world.organization.id), `round ${round}`).toEqual([]);
    }
  });
});

describe("the member's own changes racing their removal", () => {
  // The removal has handed their key on and waits for the audit chain; the
  // member's own change then takes a row the removal still has to change.
  const raceRemoval = (world: World, memberChange: () => Promise<unknown>) =>
    raceBehindAuditChain(
      world.organization.id,
      () => removeMember({ actor: world.actors.OWNER, input: { membershipId: membershipOf(world, "ADMIN") } }),
      memberChange,
    );

  it("withdrawing their open key request: the removal ends it, never a deadlock", async () => {
    const world = await createOrganizationWithAllRoles();
    const { actors } = world;
    await setNamedPeople({
      actor: actors.OWNER,
      input: { responsibility: "PRODUCTION_APPROVER", membershipIds: [membershipOf(world, "OWNER"), membershipOf(world, "SECURITY")] },
    });
    await setProductionApproval({ actor: actors.OWNER, input: { enabled: true } });
    await createKey({ actor: actors.OWNER, input: input("Admin's", actors.ADMIN.userId) });
    const { requestId } = await requestKey({
      actor: actors.ADMIN,
      input: { name: "prod", environment: "PRODUCTION", permission: "READ_ONLY", expiresInDays: "90", reason: "The production deployment." },
    });

    const { first: removal, second: change } = await raceRemoval(world, () => withdrawKeyRequest({ actor: actors.ADMIN, input: { requestId } }));

    expect(removal).toEqual({ outcome: "done", value: { keysHandedOver: 1 } });
    expect(["done", "CONFLICT"]).toContain(change.outcome);
    expect(await db().keyRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "WITHDRAWN" });
    expect((await verifyOwnAuditChain(actors.OWNER)).ok).toBe(true);
  });

  it("ending their other sessions: the removal ends them all, never a deadlock", async () => {
    const world = await createOrganizationWithAllRoles();
    const { actors } = world;
    await createKey({ actor: actors.OWNER, input: input("Admin's", actors.ADMIN.userId) });
    const sessions = await Promise.all([1, 2].map(() => createAuthSession({ userId: actors.ADMIN.userId, ipAddress: "203.0.113.7", userAgent: "vitest" })));

    const { first: removal, second: change } = await raceRemoval(world, () =>
      revokeOtherAuthSessions({ actor: actors.ADMIN, keepSessionId: sessions[0].sessionId }),
    );

    expect(removal).toEqual({ outcome: "done", value: { keysHandedOver: 1 } });
    expect(change.outcome).toBe("done");
    expect(await db().authSession.count({ where: { userId: actors.ADMIN.userId, revokedAt: null } })).toBe(0);
    expect((await verifyOwnAuditChain(actors.OWNER)).ok).toBe(true);
  });
});

describe("deleting the member's keys while they are being removed", () => {
  it("locks the keys in the same order, never a deadlock, whatever order the table holds them in", async () => {
    const world = await createOrganizationWithAllRoles();
    const { actors } = world;
    const keys = [(await createKey({ actor: actors.OWNER, input: input("first", actors.ADMIN.userId) })).key];
    keys.push((await createKey({ actor: actors.OWNER, input: input("second", actors.ADMIN.userId) })).key);
    const [low, high] = [...keys].sort((a, b) => (a.id < b.id ? -1 : 1));
    // A new row version for the lower id: a scan of the table now meets it last.
    await renameKey({ actor: actors.OWNER, input: { keyId: low.id, name: "renamed" } });
    const held = await holdKeyRow(high.id);
    const removal = removeMember({ actor: actors.OWNER, input: { membershipId: membershipOf(world, "ADMIN") } }).catch((e: unknown) => toActionError(e));
    await waitForLockWaiters(1);
    const deletion = deleteKeys({ actor: actors.OWNER, input: { keyIds: [low.id, high.id] } }).catch((e: unknown) => toActionError(e));
    await waitForLockWaiters(2);
    await held.release();
    expect(await removal).toEqual({ keysHandedOver: 2 });
    expect(await deletion).toMatchObject({ names: ["renamed", high.name] });
    expect(await db().secretKey.count({ where: { id: { in: [low.id, high.id] }, deletedAt: null } })).toBe(0);
  });
});

describe("a membership deleted outside the app", () => {
  it("leaves the member's live keys without an owner (a database trigger), never with a non-member", async () => {
    const world = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: world.actors.OWNER, input: input("Left behind", world.actors.MEMBER.userId) });
    const { key: deleted } = await createKey({ actor: world.actors.OWNER, input: input("Deleted one", world.actors.MEMBER.userId) });
    await deleteKey({ actor: world.actors.OWNER, input: { keyId: deleted.id } });
    await db().membership.delete({ where: { id: membershipOf(world, "MEMBER") } });
    expect((await db().secretKey.findUniqueOrThrow({ where: { id: key.id } })).ownerId).toBeNull();
    expect((await db().secretKey.findUniqueOrThrow({ where: { id: deleted.id } })).ownerId).toBe(world.actors.MEMBER.userId);
    await db().user.delete({ where: { id: world.actors.SECURITY.userId } });
    expect(await orphans(world.organization.id)).toEqual([]);
  });
});
