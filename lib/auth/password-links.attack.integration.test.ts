import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { toActionError } from "@/lib/action-result";
import { db } from "@/lib/db/client";
import { openEmailBody } from "@/lib/email/sealed-body";
import { addMember } from "@/lib/members/add-member";
import { createAuthSession } from "./auth-sessions";
import { authenticate } from "./authenticate";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { createOrganizationWithAllRoles, TEST_PASSWORD, uniqueEmail } from "@/lib/testing/fixtures";
import { describePasswordLink, LINK_NOT_VALID, setPasswordWithLink } from "./password-link";
import { issuePasswordToken } from "./password-tokens";
import { requestPasswordReset, RESET_REQUESTED_MESSAGE } from "./request-password-reset";
import { resolveMember } from "./resolve-member";

type Purpose = "SET_PASSWORD" | "RESET_PASSWORD";
const use = (purpose: Purpose, token: unknown, password: unknown = "my brand new password", now?: Date) =>
  setPasswordWithLink({ purpose, input: { token, password }, ipAddress: "198.51.100.2", userAgent: "attack", now });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ ok: true }),
    (error: unknown) => toActionError(error),
  );

async function pendingMember() {
  const world = await createOrganizationWithAllRoles();
  const email = uniqueEmail("pending");
  const added = await addMember({ actor: world.actors.OWNER, input: { name: "Pending Person", email, role: "MEMBER" } });
  if (added.via !== "link") throw new Error("expected a link");
  return { world, email, userId: added.userId, token: new URL(added.link).hash.slice(1) };
}

const passwordOf = async (userId: string) => (await db().user.findUniqueOrThrow({ where: { id: userId } })).passwordHash;

beforeEach(() => {
  process.env.SMTP_URL = "smtp://127.0.0.1:1";
  process.env.SMTP_FROM = "security@example.test";
});
// A database of this file's own: the emails it queues must not reach
// another file's mail server.
beforeAll(async () => {
  await useFreshDatabase();
});
afterEach(() => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
});

describe("one-time password links, attacked", () => {
  it("a link used twice: the second use is refused and changes nothing", async () => {
    delete process.env.SMTP_URL;
    const { userId, token } = await pendingMember();
    await use("SET_PASSWORD", token);
    const hash = await passwordOf(userId);
    expect(await refusal(use("SET_PASSWORD", token, "another password of mine"))).toMatchObject({ code: "NOT_FOUND", message: LINK_NOT_VALID.SET_PASSWORD });
    expect(await passwordOf(userId)).toBe(hash);
  });

  it("two tabs submitting the same link at once: exactly one wins", async () => {
    delete process.env.SMTP_URL;
    const { userId, token } = await pendingMember();
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => use("SET_PASSWORD", token, `tab number ${i} password`)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const winner = results.findIndex((r) => r.status === "fulfilled");
    await expect(
      authenticate({
        credentials: { email: (await db().user.findUniqueOrThrow({ where: { id: userId } })).email, password: `tab number ${winner} password` },
        ipAddress: "198.51.100.3",
      }),
    ).resolves.toMatchObject({ id: userId });
    expect(await db().auditEvent.count({ where: { actorUserId: userId, action: "auth.password_set" } })).toBe(1);
  });

  it("an expired link is refused", async () => {
    delete process.env.SMTP_URL;
    const { userId, token } = await pendingMember();
    expect(await refusal(use("SET_PASSWORD", token, undefined, new Date(Date.now() + 24 * 60 * 60 * 1000 + 1000)))).toMatchObject({ code: "NOT_FOUND" });
    expect(await passwordOf(userId)).toBeNull();
    expect(await describePasswordLink(token, "SET_PASSWORD")).not.toBeNull();
  });

  it("a token made for one purpose never works for the other", async () => {
    delete process.env.SMTP_URL;
    const { world, userId, token } = await pendingMember();
    expect(await refusal(use("RESET_PASSWORD", token))).toMatchObject({ code: "NOT_FOUND", message: LINK_NOT_VALID.RESET_PASSWORD });
    expect(await describePasswordLink(token, "RESET_PASSWORD")).toBeNull();
    const { token: reset } = await db().$transaction((tx) =>
      issuePasswordToken(tx, { userId: world.actors.ADMIN.userId, organizationId: world.organization.id, purpose: "RESET_PASSWORD", now: new Date() }),
    );
    expect(await refusal(use("SET_PASSWORD", reset))).toMatchObject({ code: "NOT_FOUND" });
    // Even with its row relabelled, the hash (over purpose and secret) does not match.
    await db().passwordToken.update({ where: { id: reset.split(".")[0] }, data: { purpose: "SET_PASSWORD" } });
    expect(await refusal(use("SET_PASSWORD", reset))).toMatchObject({ code: "NOT_FOUND" });
    expect(await passwordOf(userId)).toBeNull();
  });

  it("forged, altered and hostile tokens are refused without a password being hashed", async () => {
    delete process.env.SMTP_URL;
    const { userId, token } = await pendingMember();
    const [id, secret] = token.split(".");
    const flipped = secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A");
    for (const forged of [
      `${id}.${flipped}`,
      `${id}.${"A".repeat(43)}`,
      `${"A".repeat(16)}.${secret}`,
      id,
      secret,
      `${id}.${secret}.`,
      ` ${token}`,
      "__proto__",
      "constructor",
      "",
      "x".repeat(100_000),
      `${id}.${secret}\u0000`,
      "\u202e" + token,
      null,
      42,
      { toString: () => token },
      [token],
    ]) {
      const result = await refusal(use("SET_PASSWORD", forged));
      expect(result, String(typeof forged === "string" ? forged.slice(0, 40) : typeof forged)).toMatchObject({ ok: false });
      expect(["NOT_FOUND", "INVALID_INPUT"]).toContain((result as { code: string }).code);
      expect(await describePasswordLink(forged, "SET_PASSWORD")).toBeNull();
    }
    expect(await passwordOf(userId)).toBeNull();
  });

  it("weak, overlong and control-character passwords get a field error; the link still works afterwards", async () => {
    delete process.env.SMTP_URL;
    const { userId, token } = await pendingMember();
    for (const password of [
      "short",
      "password1234",
      "qwertyqwerty",
      "Pending Person1",
      "line\nbreak password",
      "x".repeat(257),
      "\u0000".repeat(20),
      null,
      { length: 20 },
    ]) {
      const result = await refusal(use("SET_PASSWORD", token, password));
      expect(result, JSON.stringify(password)).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { password: expect.any(Array) } });
    }
    expect(await passwordOf(userId)).toBeNull();
    await use("SET_PASSWORD", token);
    expect(await passwordOf(userId)).not.toBeNull();
  });

  it("a member removed before using their link cannot use it", async () => {
    delete process.env.SMTP_URL;
    const { world, userId, token } = await pendingMember();
    const membershipId = (await db().membership.findFirstOrThrow({ where: { userId } })).id;
    const { removeMember } = await import("@/lib/members/change-member");
    await removeMember({ actor: world.actors.OWNER, input: { membershipId } });
    expect(await refusal(use("SET_PASSWORD", token))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await passwordOf(userId)).toBeNull();
  });
});

describe("forgot password, attacked", () => {
  const ask = (email: unknown, ipAddress = `192.0.2.${Math.floor(Math.random() * 250)}`) =>
    requestPasswordReset({ input: { email }, ipAddress, userAgent: "attack", floorMs: 0 });

  it("answers the same for a known and an unknown email; only the known one gets an email with a working 30-minute link", async () => {
    const world = await createOrganizationWithAllRoles();
    const known = world.members.find((m) => m.role === "ADMIN")!;
    const unknown = uniqueEmail("nobody");
    expect(await ask(known.email)).toEqual({ message: RESET_REQUESTED_MESSAGE });
    expect(await ask(unknown)).toEqual({ message: RESET_REQUESTED_MESSAGE });
    expect(await ask(known.email.toUpperCase())).toEqual({ message: RESET_REQUESTED_MESSAGE });
    expect(await db().emailDelivery.count({ where: { toAddress: unknown } })).toBe(0);
    const emails = await db().emailDelivery.findMany({ where: { toAddress: known.email }, orderBy: { createdAt: "asc" } });
    expect(emails).toHaveLength(2);
    const links = emails.map((email) => /\/reset-password#(\S+)/.exec(openEmailBody(email.body))![1]);
    // The second request's link replaced the first.
    expect(await refusal(use("RESET_PASSWORD", links[0]))).toMatchObject({ code: "NOT_FOUND" });
    const token = await db().passwordToken.findFirstOrThrow({ where: { userId: known.userId, usedAt: null } });
    expect(token.expiresAt.getTime() - token.createdAt.getTime()).toBe(30 * 60 * 1000);
    expect(await db().auditEvent.count({ where: { organizationId: world.organization.id, action: "auth.password_reset_requested" } })).toBe(2);

    // Using it ends every session of the account and is audited.
    const sessions = await Promise.all([createAuthSession({ userId: known.userId }), createAuthSession({ userId: known.userId })]);
    await use("RESET_PASSWORD", links[1], "a completely new password");
    for (const { sessionId } of sessions) expect(await resolveMember(sessionId)).toBeNull();
    await expect(
      authenticate({ credentials: { email: known.email, password: TEST_PASSWORD }, ipAddress: "198.51.100.9", refusalFloorMs: 0 }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: world.organization.id, action: "auth.password_reset" } });
    expect(event.details).toEqual({ sessionsEnded: 2 });
  });

  // How close the two times are is a speed figure for the benchmarks (a busy
  // machine would make it flaky here); the floor is what a test can hold.
  it("takes at least the refusal floor for a known and an unknown email", async () => {
    const world = await createOrganizationWithAllRoles();
    const timed = async (email: string) => {
      const started = Date.now();
      await requestPasswordReset({ input: { email }, ipAddress: `192.0.2.${Math.floor(Math.random() * 250)}` });
      return Date.now() - started;
    };
    const known = await timed(world.members[1].email);
    const unknown = await timed(uniqueEmail("nobody"));
    for (const ms of [known, unknown]) expect(ms).toBeGreaterThanOrEqual(495);
  });

  it("is limited per email and per address, the same for known and unknown emails", async () => {
    const world = await createOrganizationWithAllRoles();
    for (const email of [world.members[2].email, uniqueEmail("nobody")]) {
      for (let i = 0; i < 3; i++) await ask(email);
      expect(await refusal(ask(email))).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/Try again in \d+ minutes?/) });
    }
    const address = "198.51.100.77";
    for (let i = 0; i < 10; i++) await ask(uniqueEmail("spray"), address);
    expect(await refusal(ask(uniqueEmail("spray"), address))).toMatchObject({ code: "RATE_LIMITED" });
    expect(await refusal(ask(world.members[3].email, address))).toMatchObject({ code: "RATE_LIMITED" });
    expect(await db().emailDelivery.count({ where: { toAddress: world.members[3].email } })).toBe(0);
  });

  it("refuses hostile emails as a field error and sends nothing; says so when the server sends no email", async () => {
    for (const email of [
      "__proto__",
      "constructor",
      "",
      "a@b",
      "x".repeat(300) + "@example.test",
      "victim@example.test\r\nBcc: evil@example.test",
      null,
      ["a@b.c"],
    ]) {
      expect(await refusal(ask(email)), JSON.stringify(email)).toMatchObject({ code: "INVALID_INPUT" });
    }
    delete process.env.SMTP_URL;
    expect(await refusal(ask("someone@example.test"))).toMatchObject({ code: "CONFLICT" });
  });

  it("a reset link for someone who was removed meanwhile does nothing", async () => {
    const world = await createOrganizationWithAllRoles();
    const member = world.members.find((m) => m.role === "SECURITY")!;
    await ask(member.email);
    const [email] = await db().emailDelivery.findMany({ where: { toAddress: member.email } });
    const token = /\/reset-password#(\S+)/.exec(openEmailBody(email.body))![1];
    const { removeMember } = await import("@/lib/members/change-member");
    await removeMember({ actor: world.actors.OWNER, input: { membershipId: member.membershipId } });
    const before = await passwordOf(member.userId);
    expect(await refusal(use("RESET_PASSWORD", token))).toMatchObject({ code: "FORBIDDEN" });
    expect(await passwordOf(member.userId)).toBe(before);
  });
});
