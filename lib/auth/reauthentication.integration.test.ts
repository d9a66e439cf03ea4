import { describe, expect, it } from "vitest";
import { toActionError } from "@/lib/action-result";
import { db } from "@/lib/db/client";
import { actorFor, createOrganization, TEST_PASSWORD } from "@/lib/testing/fixtures";
import type { Actor } from "./actor";
import { createAuthSession } from "./auth-sessions";
import { authenticate } from "./authenticate";
import { changePassword } from "./change-password";
import { COMMON_PASSWORD_MESSAGE } from "./password-policy";
import { assertReauthenticated, reauthenticate } from "./reauthentication";
import { resolveMember } from "./resolve-member";

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ ok: true }),
    (error: unknown) => toActionError(error),
  );

// An actor as a request from this session would have it: not re-authenticated.
async function signedIn(roles: Parameters<typeof createOrganization>[0] = ["ADMIN"], ipAddress = "198.51.100.40") {
  const { organization, members } = await createOrganization(roles);
  const { sessionId } = await createAuthSession({ userId: members[0].userId });
  const actor: Actor = { ...actorFor(members[0], organization.id), ipAddress, session: { id: sessionId, reauthenticatedAt: null } };
  return { organization, member: members[0], actor, sessionId };
}

describe("assertReauthenticated", () => {
  it("refuses without a session, without a stamp, with an old one, and passes a fresh one", () => {
    const base = { userId: "u", organizationId: "o", role: "OWNER" as const, label: "x", ipAddress: null, userAgent: null };
    const now = new Date();
    for (const session of [undefined, { id: "s", reauthenticatedAt: null }, { id: "s", reauthenticatedAt: new Date(now.getTime() - 11 * 60_000) }]) {
      expect(() => assertReauthenticated({ ...base, session }, "member.remove", {}, now)).toThrow(expect.objectContaining({ code: "REAUTH_REQUIRED" }));
    }
    expect(() =>
      assertReauthenticated({ ...base, session: { id: "s", reauthenticatedAt: new Date(now.getTime() - 9 * 60_000) } }, "member.remove", {}, now),
    ).not.toThrow();
    expect(() => assertReauthenticated({ ...base }, "key.delete", { environment: "STAGING" }, now)).not.toThrow();
  });
});

describe("reauthenticate", () => {
  it("counts wrong passwords toward the sign-in throttle: the dialog is no way around it, and neither is sign-in", async () => {
    const { actor, member, sessionId } = await signedIn(["ADMIN"], "198.51.100.41");
    for (let i = 0; i < 5; i++) {
      expect(await refusal(reauthenticate({ actor, input: { method: "password", password: `wrong ${i}` } }))).toMatchObject({ code: "INVALID_INPUT" });
    }
    expect(await refusal(reauthenticate({ actor, input: { method: "password", password: TEST_PASSWORD } }))).toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/Try again in/),
    });
    await expect(authenticate({ credentials: { email: member.email, password: TEST_PASSWORD }, ipAddress: "198.51.100.41" })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    expect((await db().authSession.findUniqueOrThrow({ where: { id: sessionId } })).reauthenticatedAt).toBeNull();
  });

  it("marks only the caller's own live session: a forged session id of someone else's is refused", async () => {
    const mine = await signedIn(["OWNER"], "198.51.100.42");
    const theirs = await signedIn(["OWNER"], "198.51.100.43");
    const forged: Actor = { ...mine.actor, session: { id: theirs.sessionId, reauthenticatedAt: null } };
    expect(await refusal(reauthenticate({ actor: forged, input: { method: "password", password: TEST_PASSWORD } }))).toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await db().authSession.findUniqueOrThrow({ where: { id: theirs.sessionId } })).reauthenticatedAt).toBeNull();
    const { until } = await reauthenticate({ actor: mine.actor, input: { method: "password", password: TEST_PASSWORD } });
    expect(until.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
  });
});

describe("changePassword", () => {
  it("asks the current password, ends every other session (not this one), kills unused links, and is audited without the password", async () => {
    const { actor, member, sessionId, organization } = await signedIn(["MEMBER"], "198.51.100.44");
    const other = await createAuthSession({ userId: member.userId });
    const { token } = await db().$transaction(async (tx) =>
      (await import("./password-tokens")).issuePasswordToken(tx, {
        userId: member.userId,
        organizationId: organization.id,
        purpose: "RESET_PASSWORD",
        now: new Date(),
      }),
    );
    expect(await changePassword({ actor, input: { currentPassword: TEST_PASSWORD, newPassword: "my new sturdy password" } })).toEqual({
      otherSessionsEnded: 1,
    });
    expect(await resolveMember(other.sessionId)).toBeNull();
    expect(await resolveMember(sessionId)).not.toBeNull();
    expect(await db().passwordToken.count({ where: { id: token.split(".")[0] } })).toBe(0);
    await expect(authenticate({ credentials: { email: member.email, password: "my new sturdy password" }, ipAddress: "198.51.100.44" })).resolves.toMatchObject(
      { id: member.userId },
    );
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: organization.id, action: "auth.password_changed" } });
    expect(event.details).toEqual({ otherSessionsEnded: 1 });
    const everything = JSON.stringify(await db().auditEvent.findMany({ where: { organizationId: organization.id } }));
    expect(everything).not.toContain("my new sturdy password");
    expect(everything).not.toContain(TEST_PASSWORD);
  });

  it("refuses a wrong current password, the same password, a common one and hostile input, changing nothing", async () => {
    const { actor, member } = await signedIn(["OWNER"], "198.51.100.45");
    const hash = async () => (await db().user.findUniqueOrThrow({ where: { id: member.userId } })).passwordHash;
    const before = await hash();
    const cases: [unknown, string][] = [
      [{ currentPassword: "not it", newPassword: "my new sturdy password" }, "currentPassword"],
      [{ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }, "newPassword"],
      [{ currentPassword: TEST_PASSWORD, newPassword: "Password123456!" }, "newPassword"],
      [{ currentPassword: TEST_PASSWORD, newPassword: "short" }, "newPassword"],
      [{ currentPassword: TEST_PASSWORD, newPassword: "tab\tinside password" }, "newPassword"],
      [{ currentPassword: TEST_PASSWORD, newPassword: "x".repeat(10_000) }, "newPassword"],
      [{ currentPassword: TEST_PASSWORD, newPassword: { toString: () => "object password!" } }, "newPassword"],
      [{ currentPassword: ["__proto__"], newPassword: "my new sturdy password" }, "currentPassword"],
    ];
    for (const [input, field] of cases) {
      const result = await refusal(changePassword({ actor, input }));
      expect(result, JSON.stringify(input).slice(0, 80)).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { [field]: expect.any(Array) } });
    }
    expect(await refusal(changePassword({ actor, input: { currentPassword: TEST_PASSWORD, newPassword: "Password123456!" } }))).toMatchObject({
      fieldErrors: { newPassword: [COMMON_PASSWORD_MESSAGE] },
    });
    for (const input of [null, "__proto__", { constructor: { currentPassword: TEST_PASSWORD } }]) {
      expect(await refusal(changePassword({ actor, input }))).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    }
    expect(await hash()).toBe(before);
  });

  it("of two changes racing with the same current password, one wins", async () => {
    const { actor, member } = await signedIn(["OWNER"], "198.51.100.46");
    const results = await Promise.allSettled(
      ["first racing password", "second racing password"].map((newPassword) =>
        changePassword({ actor, input: { currentPassword: TEST_PASSWORD, newPassword } }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { actorUserId: member.userId, action: "auth.password_changed" } })).toBe(1);
  });
});
