import { describe, expect, it } from "vitest";
import { createAuthSession } from "@/lib/auth/auth-sessions";
import { authenticate } from "@/lib/auth/authenticate";
import { setPasswordWithLink } from "@/lib/auth/password-link";
import { verifyOwnAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";
import { createOrganizationWithAllRoles, TEST_PASSWORD } from "@/lib/testing/fixtures";
import { addMember } from "./add-member";
import { changeMemberRole, removeMember } from "./change-member";

async function membershipOf(organizationId: string, userId: string) {
  return db().membership.findFirstOrThrow({ where: { organizationId, userId } });
}

describe("changing a member's role", () => {
  it("lets an owner change a role, records who did it and from what to what", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const target = await membershipOf(organization.id, actors.MEMBER.userId);
    expect(await changeMemberRole({ actor: actors.OWNER, input: { membershipId: target.id, role: "SECURITY" } })).toEqual({ changed: true });
    expect((await membershipOf(organization.id, actors.MEMBER.userId)).role).toBe("SECURITY");
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: organization.id, action: "member.role_changed" } });
    expect(event.details).toMatchObject({ from: "MEMBER", to: "SECURITY" });
    expect(event.actorUserId).toBe(actors.OWNER.userId);
    // The same role again changes nothing and logs nothing.
    expect(await changeMemberRole({ actor: actors.OWNER, input: { membershipId: target.id, role: "SECURITY" } })).toEqual({ changed: false });
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "member.role_changed" } })).toBe(1);
  });

  it.each(["ADMIN", "SECURITY", "MEMBER"] as const)("refuses %s, even for their own role", async (role) => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const own = await membershipOf(organization.id, actors[role].userId);
    await expect(changeMemberRole({ actor: actors[role], input: { membershipId: own.id, role: "OWNER" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await membershipOf(organization.id, actors[role].userId)).role).toBe(role);
  });

  it("never leaves an organization without an owner, even when two owners demote each other at once", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const owner = await membershipOf(organization.id, actors.OWNER.userId);
    await expect(changeMemberRole({ actor: actors.OWNER, input: { membershipId: owner.id, role: "ADMIN" } })).rejects.toMatchObject({ code: "CONFLICT" });

    const second = await membershipOf(organization.id, actors.ADMIN.userId);
    await changeMemberRole({ actor: actors.OWNER, input: { membershipId: second.id, role: "OWNER" } });
    const secondOwner = { ...actors.ADMIN, role: "OWNER" as const };
    const results = await Promise.allSettled([
      changeMemberRole({ actor: actors.OWNER, input: { membershipId: second.id, role: "MEMBER" } }),
      changeMemberRole({ actor: secondOwner, input: { membershipId: owner.id, role: "MEMBER" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // The loser is refused: it was demoted, or it would have left no owner.
    const [refused] = results.filter((r) => r.status === "rejected");
    expect(["FORBIDDEN", "CONFLICT"]).toContain(((refused as PromiseRejectedResult).reason as { code: string }).code);
    expect(await db().membership.count({ where: { organizationId: organization.id, role: "OWNER" } })).toBe(1);
  });

  it("checks the caller's role again under the lock: an owner demoted a moment ago is refused", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const second = await membershipOf(organization.id, actors.ADMIN.userId);
    await changeMemberRole({ actor: actors.OWNER, input: { membershipId: second.id, role: "OWNER" } });
    const first = await membershipOf(organization.id, actors.OWNER.userId);
    await changeMemberRole({ actor: { ...actors.ADMIN, role: "OWNER" }, input: { membershipId: first.id, role: "MEMBER" } });
    // actors.OWNER still says OWNER, as a request resolved just before the demotion would.
    const target = await membershipOf(organization.id, actors.MEMBER.userId);
    await expect(changeMemberRole({ actor: actors.OWNER, input: { membershipId: target.id, role: "OWNER" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(removeMember({ actor: actors.OWNER, input: { membershipId: target.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await membershipOf(organization.id, actors.MEMBER.userId)).role).toBe("MEMBER");
  });

  it("refuses another organization's member and bad input, changing nothing", async () => {
    const mine = await createOrganizationWithAllRoles();
    const theirs = await createOrganizationWithAllRoles();
    const foreign = await membershipOf(theirs.organization.id, theirs.actors.MEMBER.userId);
    await expect(changeMemberRole({ actor: mine.actors.OWNER, input: { membershipId: foreign.id, role: "OWNER" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(removeMember({ actor: mine.actors.OWNER, input: { membershipId: foreign.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await membershipOf(theirs.organization.id, theirs.actors.MEMBER.userId)).role).toBe("MEMBER");
    const target = await membershipOf(mine.organization.id, mine.actors.MEMBER.userId);
    for (const input of [{ membershipId: target.id, role: "GOD" }, { membershipId: "", role: "ADMIN" }, { role: "ADMIN" }, null]) {
      await expect(changeMemberRole({ actor: mine.actors.OWNER, input })).rejects.toThrow();
    }
    expect((await membershipOf(mine.organization.id, mine.actors.MEMBER.userId)).role).toBe("MEMBER");
    expect(
      await db().auditEvent.count({ where: { organizationId: { in: [mine.organization.id, theirs.organization.id] }, action: "member.role_changed" } }),
    ).toBe(0);
  });
});

describe("removing a member", () => {
  it("ends their access and sessions at once, keeps the audit chain valid, and lets them be added back", async () => {
    const { organization, actors, members } = await createOrganizationWithAllRoles();
    const admin = members.find((m) => m.role === "ADMIN")!;
    await authenticate({ credentials: { email: admin.email, password: TEST_PASSWORD }, ipAddress: "198.51.100.2" });
    const { sessionId } = await createAuthSession({ userId: admin.userId });
    const target = await membershipOf(organization.id, admin.userId);

    await expect(removeMember({ actor: actors.ADMIN, input: { membershipId: target.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await removeMember({ actor: actors.OWNER, input: { membershipId: target.id } });
    expect(await db().membership.count({ where: { userId: admin.userId } })).toBe(0);
    expect((await db().authSession.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).not.toBeNull();
    await expect(authenticate({ credentials: { email: admin.email, password: TEST_PASSWORD }, ipAddress: "198.51.100.2" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "member.removed" } })).toBe(1);
    expect((await verifyOwnAuditChain(actors.OWNER)).ok).toBe(true);

    const added = await addMember({ actor: actors.OWNER, input: { name: "Back Again", email: admin.email, role: "MEMBER" } });
    const back = await membershipOf(organization.id, admin.userId);
    expect(back.role).toBe("MEMBER");
    // Their old password is gone; they choose a new one through the link.
    await expect(
      authenticate({ credentials: { email: admin.email, password: TEST_PASSWORD }, ipAddress: "198.51.100.2", refusalFloorMs: 0 }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    if (added.via !== "link") throw new Error("expected a link");
    const token = new URL(added.link).hash.slice(1);
    await setPasswordWithLink({ purpose: "SET_PASSWORD", input: { token, password: "a new first password" }, ipAddress: "198.51.100.2", userAgent: null });
    await expect(authenticate({ credentials: { email: admin.email, password: "a new first password" }, ipAddress: "198.51.100.2" })).resolves.toMatchObject({
      id: admin.userId,
      name: "Back Again",
    });
  });

  it("refuses to remove yourself or the last owner", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const owner = await membershipOf(organization.id, actors.OWNER.userId);
    await expect(removeMember({ actor: actors.OWNER, input: { membershipId: owner.id } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().membership.count({ where: { organizationId: organization.id } })).toBe(4);
  });
});
