import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { type AppError } from "@/lib/errors";
import { createOrganizationWithAllRoles, uniqueEmail } from "@/lib/testing/fixtures";
import { addMember } from "./add-member";
import { removeMember } from "./change-member";
import { createAuthSession } from "@/lib/auth/auth-sessions";
import { resolveMember } from "@/lib/auth/resolve-member";

const input = () => ({ name: "Lab Member", email: uniqueEmail("new"), role: "MEMBER", password: "first password 123" });

describe("addMember", () => {
  it("lets an owner add a member who can then sign in, and records it", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const data = input();
    const { userId } = await addMember({ actor: actors.OWNER, input: data });
    expect(await db().membership.findFirst({ where: { userId, organizationId: organization.id, role: "MEMBER" } })).not.toBeNull();
    await expect(authenticate({ credentials: data, ipAddress: "198.51.100.1" })).resolves.toMatchObject({ id: userId });
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "member.added" } })).toBe(1);
  });

  it.each(["ADMIN", "SECURITY", "MEMBER"] as const)("refuses %s, changing nothing", async (role) => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const data = input();
    const error = await addMember({ actor: actors[role], input: data }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("FORBIDDEN");
    expect(await db().user.count({ where: { email: data.email } })).toBe(0);
    expect(await db().membership.count({ where: { organizationId: organization.id } })).toBe(4);
  });

  it("refuses an email that already has an account, and bad input", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const data = input();
    await addMember({ actor: actors.OWNER, input: data });
    const duplicate = await addMember({ actor: actors.OWNER, input: { ...data, email: data.email.toUpperCase() } }).catch((e: unknown) => e);
    expect((duplicate as AppError).code).toBe("CONFLICT");
    await expect(addMember({ actor: actors.OWNER, input: { ...input(), role: "GOD" } })).rejects.toThrow();
    await expect(addMember({ actor: actors.OWNER, input: { ...input(), password: "short" } })).rejects.toThrow();
  });

  it("takes back a member the organization removed; another organization cannot take that account over", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const data = input();
    const { userId } = await addMember({ actor: actors.OWNER, input: data });
    const membershipId = (await db().membership.findFirstOrThrow({ where: { userId } })).id;
    await removeMember({ actor: actors.OWNER, input: { membershipId } });
    const account = () => db().user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, passwordHash: true, memberships: true } });
    const before = await account();

    const stranger = await createOrganizationWithAllRoles();
    const error = await addMember({ actor: stranger.actors.OWNER, input: { ...data, name: "Taken over", password: "the stranger's password" } }).catch(
      (e: unknown) => e,
    );
    expect((error as AppError).code).toBe("CONFLICT");
    expect(await account()).toEqual(before);

    // A session created just as the removal ran (a sign-in racing it) stays dead when the account is taken back.
    const { sessionId } = await createAuthSession({ userId });
    expect(await resolveMember(sessionId)).toBeNull();
    await expect(addMember({ actor: actors.OWNER, input: { ...data, name: "Back again" } })).resolves.toEqual({ userId });
    expect(await resolveMember(sessionId)).toBeNull();
    expect(await account()).toMatchObject({ name: "Back again", memberships: [{ organizationId: organization.id, role: "MEMBER" }] });
  });
});

describe("a sign-in racing the owner's new first password", () => {
  it("gets no session when the password it was checked against is no longer the account's", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const data = input();
    const { userId } = await addMember({ actor: actors.OWNER, input: data });
    const oldHash = (await db().user.findUniqueOrThrow({ where: { id: userId } })).passwordHash;
    const membershipId = (await db().membership.findFirstOrThrow({ where: { userId } })).id;
    await removeMember({ actor: actors.OWNER, input: { membershipId } });
    await addMember({ actor: actors.OWNER, input: { ...data, password: "a brand new first password" } });
    // The old password was checked a moment before the owner set the new one.
    await expect(createAuthSession({ userId, whilePasswordHash: oldHash })).rejects.toThrow(/do not match/);
    const current = (await db().user.findUniqueOrThrow({ where: { id: userId } })).passwordHash;
    const { sessionId } = await createAuthSession({ userId, whilePasswordHash: current });
    expect(await resolveMember(sessionId)).not.toBeNull();
  });
});
