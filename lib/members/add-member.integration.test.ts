import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAuthSession } from "@/lib/auth/auth-sessions";
import { authenticate } from "@/lib/auth/authenticate";
import { setPasswordWithLink } from "@/lib/auth/password-link";
import { resolveMember } from "@/lib/auth/resolve-member";
import { db } from "@/lib/db/client";
import { openEmailBody } from "@/lib/email/sealed-body";
import { type AppError } from "@/lib/errors";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { createOrganizationWithAllRoles, TEST_PASSWORD, uniqueEmail } from "@/lib/testing/fixtures";
import { addMember } from "./add-member";
import { removeMember } from "./change-member";
import { issuePasswordLink } from "./issue-password-link";

const input = () => ({ name: "Lab Member", email: uniqueEmail("new"), role: "MEMBER" });
const tokenOf = (link: string) => new URL(link).hash.slice(1);
const choose = (token: string, password = "my own chosen password") =>
  setPasswordWithLink({ purpose: "SET_PASSWORD", input: { token, password }, ipAddress: "198.51.100.1", userAgent: "vitest" });

// A database of this file's own: the emails it queues must not reach
// another file's mail server.
beforeAll(async () => {
  await useFreshDatabase();
});
afterEach(() => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
});

describe("addMember", () => {
  it("adds a member without a password and shows the owner a one-time link; the member signs in once they chose one", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const data = input();
    const added = await addMember({ actor: actors.OWNER, input: { ...data, password: "an owner-chosen password" } });
    expect(added).toMatchObject({ via: "link", link: expect.stringMatching(/\/set-password#[\w-]{16}\.[\w-]{43}$/) });
    if (added.via !== "link") throw new Error("expected a link");
    const { userId } = added;
    expect(await db().membership.findFirst({ where: { userId, organizationId: organization.id, role: "MEMBER" } })).not.toBeNull();
    expect((await db().user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBeNull();
    // The owner's password, or no password at all, opens nothing.
    for (const password of ["an owner-chosen password", TEST_PASSWORD]) {
      await expect(authenticate({ credentials: { email: data.email, password }, ipAddress: "198.51.100.1", refusalFloorMs: 0 })).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
      });
    }
    // Only a hash of the link's secret is stored.
    const token = tokenOf(added.link);
    const stored = await db().passwordToken.findFirstOrThrow({ where: { userId } });
    expect(JSON.stringify(stored)).not.toContain(token.split(".")[1]);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(24 * 60 * 60 * 1000);

    expect(await choose(token)).toEqual({ email: data.email });
    await expect(authenticate({ credentials: { email: data.email, password: "my own chosen password" }, ipAddress: "198.51.100.1" })).resolves.toMatchObject({
      id: userId,
    });
    const actions = (await db().auditEvent.findMany({ where: { organizationId: organization.id }, orderBy: { sequence: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["member.added", "auth.password_set"]));
    const events = JSON.stringify(await db().auditEvent.findMany({ where: { organizationId: organization.id } }));
    expect(events).not.toContain(token.split(".")[1]);
    expect(events).not.toContain("my own chosen password");
  });

  it("emails the link when SMTP is configured, queued sealed, and says so instead of showing it", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    process.env.SMTP_FROM = "security@example.test";
    const { organization, actors } = await createOrganizationWithAllRoles();
    const data = input();
    const added = await addMember({ actor: actors.OWNER, input: data });
    expect(added).toEqual({ userId: added.userId, via: "email", emailedTo: data.email });
    const [email] = await db().emailDelivery.findMany({ where: { organizationId: organization.id, toAddress: data.email } });
    expect(email.body).not.toContain("set-password");
    const body = openEmailBody(email.body);
    expect(body).toContain(`${organization.name}`);
    const link = /https?:\/\/\S+\/set-password#\S+/.exec(body)![0];
    expect(await choose(tokenOf(link))).toEqual({ email: data.email });
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
    await expect(addMember({ actor: actors.OWNER, input: { ...input(), name: "line\nbreak" } })).rejects.toThrow();
  });

  it("takes back a member the organization removed, with a link and without their old password; another organization cannot take that account over", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const data = input();
    const first = await addMember({ actor: actors.OWNER, input: data });
    if (first.via !== "link") throw new Error("expected a link");
    const { userId } = first;
    await choose(tokenOf(first.link), "the old password I chose");
    const membershipId = (await db().membership.findFirstOrThrow({ where: { userId } })).id;
    await removeMember({ actor: actors.OWNER, input: { membershipId } });
    const account = () => db().user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, passwordHash: true, memberships: true } });
    const before = await account();
    const stranger = await createOrganizationWithAllRoles();
    const error = await addMember({ actor: stranger.actors.OWNER, input: { ...data, name: "Taken over" } }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("CONFLICT");
    expect(await account()).toEqual(before);
    expect(await db().passwordToken.count({ where: { userId, usedAt: null } })).toBe(0);
    // A session created just as the removal ran (a sign-in racing it) stays dead when the account is taken back.
    const { sessionId } = await createAuthSession({ userId });
    expect(await resolveMember(sessionId)).toBeNull();
    const again = await addMember({ actor: actors.OWNER, input: { ...data, name: "Back again" } });
    expect(again).toMatchObject({ userId, via: "link" });
    expect(await resolveMember(sessionId)).toBeNull();
    expect(await account()).toMatchObject({ name: "Back again", passwordHash: null, memberships: [{ organizationId: organization.id, role: "MEMBER" }] });
    await expect(
      authenticate({ credentials: { email: data.email, password: "the old password I chose" }, ipAddress: "198.51.100.1", refusalFloorMs: 0 }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("a sign-in racing the take-back of a removed member", () => {
  it("gets no session when the password it was checked against is no longer the account's", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const data = input();
    const added = await addMember({ actor: actors.OWNER, input: data });
    if (added.via !== "link") throw new Error("expected a link");
    const { userId } = added;
    await choose(tokenOf(added.link), "the first password I chose");
    const oldHash = (await db().user.findUniqueOrThrow({ where: { id: userId } })).passwordHash!;
    const membershipId = (await db().membership.findFirstOrThrow({ where: { userId } })).id;
    await removeMember({ actor: actors.OWNER, input: { membershipId } });
    const back = await addMember({ actor: actors.OWNER, input: data });
    if (back.via !== "link") throw new Error("expected a link");
    // The old password was checked a moment before the owner took the account back.
    await expect(createAuthSession({ userId, proof: { method: "password", whilePasswordHash: oldHash } })).rejects.toThrow(/do not match/);
    await choose(tokenOf(back.link), "a brand new password of mine");
    const current = (await db().user.findUniqueOrThrow({ where: { id: userId } })).passwordHash!;
    const { sessionId } = await createAuthSession({ userId, proof: { method: "password", whilePasswordHash: current } });
    expect(await resolveMember(sessionId)).not.toBeNull();
  });
});

describe("issuePasswordLink", () => {
  it("gives a member without a password a fresh link (the old one dies); refused once they chose one, for other roles and other organizations", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const stranger = await createOrganizationWithAllRoles();
    const added = await addMember({ actor: actors.OWNER, input: input() });
    if (added.via !== "link") throw new Error("expected a link");
    const membershipId = (await db().membership.findFirstOrThrow({ where: { userId: added.userId } })).id;
    for (const role of ["ADMIN", "SECURITY", "MEMBER"] as const) {
      await expect(issuePasswordLink({ actor: actors[role], input: { membershipId } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(issuePasswordLink({ actor: stranger.actors.OWNER, input: { membershipId } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const bad of [{ membershipId: "__proto__" }, { membershipId: "" }, { membershipId: "x".repeat(65) }, null]) {
      await expect(issuePasswordLink({ actor: actors.OWNER, input: bad })).rejects.toThrow();
    }
    expect(await db().passwordToken.count({ where: { userId: added.userId } })).toBe(1);

    const fresh = await issuePasswordLink({ actor: actors.OWNER, input: { membershipId } });
    if (fresh.via !== "link") throw new Error("expected a link");
    await expect(choose(tokenOf(added.link))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await choose(tokenOf(fresh.link));
    await expect(issuePasswordLink({ actor: actors.OWNER, input: { membershipId } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "member.password_link_issued" } })).toBe(1);
  });
});
