import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { toActionError } from "@/lib/action-result";
import { createKey } from "@/lib/keys/create-key";
import { hashKey } from "@/lib/keys/key-format";
import { keyHashSecret } from "@/lib/keys/key-hash-secret";
import { rotateKey } from "@/lib/keys/rotate-key";
import { deleteKey } from "@/lib/keys/delete-key";
import { changeMemberRole, removeMember } from "@/lib/members/change-member";
import { setProductionApproval } from "@/lib/organization/set-production-approval";
import { setNamedPeople } from "@/lib/responsibilities/set-named-people";
import { createKeyFixture, createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import pg from "pg";
import { keyRecordLoader } from "@/lib/verify/load-key-record";
import { decideKeyRequest } from "./decide-key-request";
import { listKeyRequests } from "./list-key-requests";
import { MAX_OPEN_REQUESTS, requestKey, requestRotation } from "./request-key";
import { revealKeyRequest } from "./reveal-key-request";
import { withdrawKeyRequest } from "./withdraw-key-request";

const DAY = 86_400_000;
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => toActionError(error).code,
  );
const keyInput = (name = `prod-${Math.random().toString(36).slice(2, 8)}`) => ({
  name,
  environment: "PRODUCTION",
  permission: "READ_ONLY",
  expiresInDays: "90",
  reason: "The inference service's production deployment.",
});

// Approvals on, with Admin and Security as the named approvers.
async function withApprovers(world: Awaited<ReturnType<typeof createOrganizationWithAllRoles>>) {
  const { OWNER } = world.actors;
  const membership = (role: string) => world.members.find((m) => m.role === role)!.membershipId;
  await setNamedPeople({ actor: OWNER, input: { responsibility: "PRODUCTION_APPROVER", membershipIds: [membership("ADMIN"), membership("SECURITY")] } });
  await setProductionApproval({ actor: OWNER, input: { enabled: true } });
  return world;
}
const approvingOrganization = async () => withApprovers(await createOrganizationWithAllRoles());

const snapshot = async (organizationId: string) => ({
  requests: await db().keyRequest.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  keys: await db().secretKey.count({ where: { organizationId } }),
});

describe("production approvals", () => {
  it("cannot be turned on without two people who can approve, and is off by default", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    expect((await db().organization.findUniqueOrThrow({ where: { id: organization.id } })).requireProductionApproval).toBe(false);
    expect(await code(setProductionApproval({ actor: actors.OWNER, input: { enabled: true } }))).toBe("CONFLICT");
    expect(await code(setProductionApproval({ actor: actors.ADMIN, input: { enabled: true } }))).toBe("FORBIDDEN");
    expect(await code(requestKey({ actor: actors.ADMIN, input: keyInput() }))).toBe("CONFLICT");
  });

  it("sends production keys through a request while other keys are created directly", async () => {
    const { actors } = await approvingOrganization();
    expect(await code(createKey({ actor: actors.ADMIN, input: keyInput() }))).toBe("CONFLICT");
    expect(await code(createKey({ actor: actors.OWNER, input: keyInput() }))).toBe("CONFLICT");
    expect(await code(createKey({ actor: actors.ADMIN, input: { ...keyInput(), environment: "STAGING" } }))).toBe("OK");
    expect(await code(requestKey({ actor: actors.ADMIN, input: { ...keyInput(), environment: "STAGING" } }))).toBe("INVALID_INPUT");
  });

  it("runs a request from ask to verified key: the secret exists once, for the requester only", async () => {
    const { organization, actors } = await approvingOrganization();
    const { requestId, approvers } = await requestKey({ actor: actors.OWNER, input: keyInput("inference-prod") });
    expect(approvers).toBe(2);
    const pending = await listKeyRequests({ viewer: actors.ADMIN, state: "pending" });
    expect(pending.requests.map((r) => [r.id, r.canDecide, r.canReveal])).toEqual([[requestId, true, false]]);
    expect(pending.pendingCount).toBe(1);
    const told = await db().notification.findMany({ where: { organizationId: organization.id, link: { contains: requestId } }, select: { userId: true } });
    expect(told.map((n) => n.userId).sort()).toEqual([actors.ADMIN.userId, actors.SECURITY.userId].sort());
    expect(await db().secretKey.count({ where: { organizationId: organization.id } })).toBe(0);

    // An approver sees no secret and gets none.
    expect(await decideKeyRequest({ actor: actors.SECURITY, input: { requestId, decision: "approve" } })).toEqual({ state: "approved" });
    expect(await db().secretKey.count({ where: { organizationId: organization.id } })).toBe(0);
    expect(await code(revealKeyRequest({ actor: actors.SECURITY, input: { requestId } }))).toBe("FORBIDDEN");

    const { key, secret } = await revealKeyRequest({ actor: actors.OWNER, input: { requestId } });
    expect(key.name).toBe("inference-prod");
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    const record = await keyRecordLoader(pool)(hashKey(secret, keyHashSecret())).finally(() => pool.end());
    expect(record).toMatchObject({ id: key.id, environment: "PRODUCTION", permission: "READ_ONLY", deletedAt: null });
    expect(await code(revealKeyRequest({ actor: actors.OWNER, input: { requestId } }))).toBe("CONFLICT");

    const request = await db().keyRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request).toMatchObject({ status: "ISSUED", issuedKeyId: key.id, liveName: null });
    expect(JSON.stringify(request)).not.toContain(secret);
    const events = await db().auditEvent.findMany({
      where: { organizationId: organization.id },
      orderBy: { sequence: "asc" },
      select: { action: true, details: true },
    });
    expect(events.map((e) => e.action).slice(-3)).toEqual(["key.requested", "key.approved", "key.created"]);
    expect(events.at(-1)!.details).toMatchObject({ requestId, approvedBy: expect.stringContaining(actors.SECURITY.label.split(" ")[0]) });
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it("never lets a requester approve their own request, and owners give way to named approvers", async () => {
    const { organization, actors } = await approvingOrganization();
    const { requestId } = await requestKey({ actor: actors.ADMIN, input: keyInput() });
    const before = await snapshot(organization.id);
    expect(await code(decideKeyRequest({ actor: actors.ADMIN, input: { requestId, decision: "approve" } }))).toBe("FORBIDDEN");
    expect(await code(decideKeyRequest({ actor: actors.OWNER, input: { requestId, decision: "approve" } }))).toBe("FORBIDDEN");
    expect(await code(decideKeyRequest({ actor: actors.MEMBER, input: { requestId, decision: "approve" } }))).toBe("FORBIDDEN");
    expect(await snapshot(organization.id)).toEqual(before);
    expect(await code(decideKeyRequest({ actor: actors.SECURITY, input: { requestId, decision: "approve" } }))).toBe("OK");
  });

  it("lets owners decide a lone named approver's own requests", async () => {
    const { actors, members } = await createOrganizationWithAllRoles();
    const admin = members.find((m) => m.role === "ADMIN")!.membershipId;
    await setNamedPeople({ actor: actors.OWNER, input: { responsibility: "PRODUCTION_APPROVER", membershipIds: [admin] } });
    await setProductionApproval({ actor: actors.OWNER, input: { enabled: true } });
    const { requestId } = await requestKey({ actor: actors.ADMIN, input: keyInput() });
    expect(await code(decideKeyRequest({ actor: actors.OWNER, input: { requestId, decision: "approve" } }))).toBe("OK");
  });

  it("makes one decision and one key when two approvers and two reveals race", async () => {
    const { organization, actors } = await approvingOrganization();
    const { requestId } = await requestKey({ actor: actors.OWNER, input: keyInput() });
    const decisions = await Promise.all([
      code(decideKeyRequest({ actor: actors.ADMIN, input: { requestId, decision: "approve" } })),
      code(decideKeyRequest({ actor: actors.SECURITY, input: { requestId, decision: "approve" } })),
    ]);
    expect(decisions.sort()).toEqual(["CONFLICT", "OK"]);
    const reveals = await Promise.all([
      code(revealKeyRequest({ actor: actors.OWNER, input: { requestId } })),
      code(revealKeyRequest({ actor: actors.OWNER, input: { requestId } })),
    ]);
    expect(reveals.sort()).toEqual(["CONFLICT", "OK"]);
    expect(await db().secretKey.count({ where: { organizationId: organization.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "key.approved" } })).toBe(1);
  });

  it("refuses to decide or reveal a request that expired or was withdrawn", async () => {
    const { organization, actors } = await approvingOrganization();
    const late = await requestKey({ actor: actors.OWNER, input: keyInput() });
    const eightDays = new Date(Date.now() + 8 * DAY);
    expect(await code(decideKeyRequest({ actor: actors.ADMIN, input: { requestId: late.requestId, decision: "approve" }, now: eightDays }))).toBe("CONFLICT");

    const approvedLate = await requestKey({ actor: actors.OWNER, input: keyInput() });
    await decideKeyRequest({ actor: actors.ADMIN, input: { requestId: approvedLate.requestId, decision: "approve" } });
    expect(await code(revealKeyRequest({ actor: actors.OWNER, input: { requestId: approvedLate.requestId }, now: eightDays }))).toBe("CONFLICT");

    const withdrawn = await requestKey({ actor: actors.OWNER, input: keyInput() });
    expect(await code(withdrawKeyRequest({ actor: actors.ADMIN, input: { requestId: withdrawn.requestId } }))).toBe("FORBIDDEN");
    await withdrawKeyRequest({ actor: actors.OWNER, input: { requestId: withdrawn.requestId } });
    expect(await code(decideKeyRequest({ actor: actors.ADMIN, input: { requestId: withdrawn.requestId, decision: "approve" } }))).toBe("CONFLICT");
    expect(await code(withdrawKeyRequest({ actor: actors.OWNER, input: { requestId: withdrawn.requestId } }))).toBe("CONFLICT");
    expect(await db().secretKey.count({ where: { organizationId: organization.id } })).toBe(0);

    const { requests } = await listKeyRequests({ viewer: actors.OWNER, state: "expired", now: eightDays });
    expect(requests.map((r) => r.id).sort()).toEqual([late.requestId, approvedLate.requestId].sort());
  });

  it("denies with a reason the requester is told, and frees the name", async () => {
    const { organization, actors } = await approvingOrganization();
    const { requestId } = await requestKey({ actor: actors.OWNER, input: keyInput("held-name") });
    expect(await code(createKey({ actor: actors.ADMIN, input: { ...keyInput("HELD-name"), environment: "DEVELOPMENT" } }))).toBe("CONFLICT");
    expect(await code(requestKey({ actor: actors.ADMIN, input: keyInput("held-name") }))).toBe("CONFLICT");
    expect(await code(decideKeyRequest({ actor: actors.ADMIN, input: { requestId, decision: "deny" } }))).toBe("INVALID_INPUT");
    await decideKeyRequest({ actor: actors.ADMIN, input: { requestId, decision: "deny", reason: "Use the staging key until launch." } });
    const told = await db().notification.findFirstOrThrow({
      where: { organizationId: organization.id, userId: actors.OWNER.userId, link: { contains: requestId } },
    });
    expect(told.body).toContain("Use the staging key until launch.");
    expect(await code(revealKeyRequest({ actor: actors.OWNER, input: { requestId } }))).toBe("CONFLICT");
    expect(await code(createKey({ actor: actors.ADMIN, input: { ...keyInput("held-name"), environment: "DEVELOPMENT" } }))).toBe("OK");
  });

  it("keeps requests to their own organization", async () => {
    const victim = await approvingOrganization();
    const stranger = await approvingOrganization();
    const { requestId } = await requestKey({ actor: victim.actors.OWNER, input: keyInput() });
    const before = await snapshot(victim.organization.id);
    for (const actor of Object.values(stranger.actors) as Actor[]) {
      expect(await code(decideKeyRequest({ actor, input: { requestId, decision: "approve" } }))).toMatch(/NOT_FOUND|FORBIDDEN/);
      expect(await code(revealKeyRequest({ actor, input: { requestId } }))).toBe("NOT_FOUND");
      expect(await code(withdrawKeyRequest({ actor, input: { requestId } }))).toBe("NOT_FOUND");
    }
    expect(await snapshot(victim.organization.id)).toEqual(before);
  });

  it("withdraws a removed member's requests and hands keys requested for them to their heir", async () => {
    const { organization, actors, members } = await approvingOrganization();
    const admin = members.find((m) => m.role === "ADMIN")!;
    const theirs = await requestKey({ actor: actors.ADMIN, input: keyInput("leaving-admin-key") });
    const forThem = await requestKey({ actor: actors.OWNER, input: { ...keyInput("for-the-admin"), ownerId: actors.ADMIN.userId } });
    await decideKeyRequest({ actor: actors.SECURITY, input: { requestId: forThem.requestId, decision: "approve" } });
    await removeMember({ actor: actors.OWNER, input: { membershipId: admin.membershipId } });
    expect(await db().keyRequest.findUniqueOrThrow({ where: { id: theirs.requestId } })).toMatchObject({ status: "WITHDRAWN", liveName: null });
    expect(await code(createKey({ actor: actors.OWNER, input: { ...keyInput("leaving-admin-key"), environment: "DEVELOPMENT" } }))).toBe("OK");
    const { key } = await revealKeyRequest({ actor: actors.OWNER, input: { requestId: forThem.requestId } });
    expect((await db().secretKey.findUniqueOrThrow({ where: { id: key.id } })).ownerId).toBe(actors.OWNER.userId);
    expect(await db().secretKey.count({ where: { organizationId: organization.id, deletedAt: null, ownerId: actors.ADMIN.userId } })).toBe(0);
  });

  it("refuses a reveal once the requester lost the right to create keys, whatever role their session still carries", async () => {
    const world = await approvingOrganization();
    const { actors } = world;
    const { requestId } = await requestKey({ actor: actors.ADMIN, input: keyInput() });
    await decideKeyRequest({ actor: actors.SECURITY, input: { requestId, decision: "approve" } });
    const admin = world.members.find((m) => m.role === "ADMIN")!.membershipId;
    await changeMemberRole({ actor: actors.OWNER, input: { membershipId: admin, role: "MEMBER" } });
    expect(await code(revealKeyRequest({ actor: actors.ADMIN, input: { requestId } }))).toBe("FORBIDDEN");
  });

  it("withdraws the open requests of a requester whose new role could not make them, and only theirs", async () => {
    const world = await approvingOrganization();
    const { actors, organization } = world;
    const pending = await requestKey({ actor: actors.ADMIN, input: keyInput() });
    const approved = await requestKey({ actor: actors.ADMIN, input: keyInput() });
    await decideKeyRequest({ actor: actors.SECURITY, input: { requestId: approved.requestId, decision: "approve" } });
    const owners = await requestKey({ actor: actors.OWNER, input: keyInput() });
    const admin = world.members.find((m) => m.role === "ADMIN")!.membershipId;
    await changeMemberRole({ actor: actors.OWNER, input: { membershipId: admin, role: "MEMBER" } });
    for (const { requestId } of [pending, approved]) {
      expect(await db().keyRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "WITHDRAWN", liveName: null });
    }
    expect(await code(decideKeyRequest({ actor: actors.SECURITY, input: { requestId: pending.requestId, decision: "approve" } }))).toBe("CONFLICT");
    expect(await db().keyRequest.findUniqueOrThrow({ where: { id: owners.requestId } })).toMatchObject({ status: "PENDING" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: organization.id, action: "member.role_changed" } });
    expect(event.details).toMatchObject({ from: "ADMIN", to: "MEMBER", requestsWithdrawn: 2 });
  });

  it("rotates a production key only through an approved request, the grace starting at the reveal", async () => {
    const world = await createOrganizationWithAllRoles();
    const key = await createKeyFixture(world.actors.OWNER);
    const membership = (role: string) => world.members.find((m) => m.role === role)!.membershipId;
    await setNamedPeople({
      actor: world.actors.OWNER,
      input: { responsibility: "PRODUCTION_APPROVER", membershipIds: [membership("SECURITY"), membership("OWNER")] },
    });
    await setProductionApproval({ actor: world.actors.OWNER, input: { enabled: true } });
    const { actors } = world;
    expect(await code(rotateKey({ actor: actors.ADMIN, input: { keyId: key.id, grace: "1h" } }))).toBe("CONFLICT");
    const { requestId } = await requestRotation({ actor: actors.ADMIN, input: { keyId: key.id, grace: "1h", reason: "Yearly rotation." } });
    expect(await code(requestRotation({ actor: actors.ADMIN, input: { keyId: key.id, grace: "1h", reason: "Again." } }))).toBe("CONFLICT");
    await decideKeyRequest({ actor: actors.SECURITY, input: { requestId, decision: "approve" } });
    expect((await db().secretKey.findUniqueOrThrow({ where: { id: key.id } })).rotatedAt).toBeNull();
    const revealAt = new Date(Date.now() + DAY);
    const { key: successor, oldKeyExpiresAt } = await revealKeyRequest({ actor: actors.ADMIN, input: { requestId }, now: revealAt });
    expect(successor.name).toBe(key.name);
    expect(oldKeyExpiresAt!.getTime()).toBe(revealAt.getTime() + 3_600_000);
  });

  it("lets a rotation request lapse when its key is deleted, and the reveal of another still issues", async () => {
    const world = await createOrganizationWithAllRoles();
    const [doomed, kept] = [await createKeyFixture(world.actors.OWNER), await createKeyFixture(world.actors.OWNER)];
    await withApprovers(world);
    const { actors } = world;
    const lapsing = await requestRotation({ actor: actors.ADMIN, input: { keyId: doomed.id, grace: "1h", reason: "Rotate." } });
    const issued = await requestRotation({ actor: actors.ADMIN, input: { keyId: kept.id, grace: "1h", reason: "Rotate." } });
    await deleteKey({ actor: actors.OWNER, input: { keyId: doomed.id } });
    expect((await listKeyRequests({ viewer: actors.ADMIN, state: "lapsed" })).requests.map((r) => r.id)).toEqual([lapsing.requestId]);
    expect(await code(decideKeyRequest({ actor: actors.SECURITY, input: { requestId: lapsing.requestId, decision: "approve" } }))).toBe("CONFLICT");
    await decideKeyRequest({ actor: actors.SECURITY, input: { requestId: issued.requestId, decision: "approve" } });
    await revealKeyRequest({ actor: actors.ADMIN, input: { requestId: issued.requestId } });
    expect(await db().keyRequest.findUniqueOrThrow({ where: { id: issued.requestId } })).toMatchObject({ status: "ISSUED" });
  });

  it("caps a person's open requests, so approvers cannot be flooded", async () => {
    const { actors } = await approvingOrganization();
    for (let i = 0; i < MAX_OPEN_REQUESTS; i++) await requestKey({ actor: actors.ADMIN, input: keyInput() });
    expect(await code(requestKey({ actor: actors.ADMIN, input: keyInput() }))).toBe("CONFLICT");
    expect(await code(requestKey({ actor: actors.OWNER, input: keyInput() }))).toBe("OK");
  });

  it("refuses odd input with clear errors and changes nothing", async () => {
    const { organization, actors } = await approvingOrganization();
    const before = await snapshot(organization.id);
    for (const input of [
      { ...keyInput(), reason: "" },
      { ...keyInput(), reason: "x".repeat(1001) },
      { ...keyInput(), reason: "bell\u0007" },
      { ...keyInput(), name: "__proto__\u0007" },
      { ...keyInput(), environment: "constructor" },
      JSON.parse('{"__proto__": {"reason": "inherited"}, "name": "x", "environment": "PRODUCTION", "permission": "FULL", "expiresInDays": "never"}'),
    ]) {
      expect(await code(requestKey({ actor: actors.ADMIN, input }))).toBe("INVALID_INPUT");
    }
    for (const input of [
      { requestId: "__proto__", decision: "approve" },
      { requestId: "x", decision: "constructor" },
      { requestId: {}, decision: "deny", reason: "r" },
    ]) {
      expect(await code(decideKeyRequest({ actor: actors.ADMIN, input }))).toMatch(/INVALID_INPUT|NOT_FOUND/);
    }
    expect(await snapshot(organization.id)).toEqual(before);
  });
});
