import { addressSequence, failureOf } from "@/lib/testing/sign-in-helpers";
import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { resolveMember } from "@/lib/auth/resolve-member";
import { SECOND_FACTOR_PROMPT } from "@/lib/auth/sign-in-input";
import { db } from "@/lib/db/client";
import { RateLimitedError } from "@/lib/errors";
import { createAuthSession } from "@/lib/auth/auth-sessions";
import { createOrganizationWithAllRoles, giveAuthenticatorApp, TEST_PASSWORD } from "@/lib/testing/fixtures";
import { confirmAppEnrolment, regenerateRecoveryCodes, removeAuthenticatorApp, startAppEnrolment } from "./authenticator-app";
import { FREE_WRONG_CODES } from "./code-throttle";
import { setRequireTwoFactor } from "./require-two-factor";
import { openSecret } from "./secret-box";
import { verifySecondFactor } from "./second-factor";
import { totpCodeAt, totpStep } from "./totp";

const address = addressSequence();

// Each test at its own 30-second step, far apart, so codes never collide.
let minute = 0;
const aMoment = () => new Date(Date.UTC(2026, 10, 27, 12, (minute += 5)));

describe("setting up an authenticator app", () => {
  it("shows the secret once, keeps it encrypted, confirms with a code and gives ten recovery codes kept only as hashes", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const actor = actors.MEMBER;
    const enrolment = await startAppEnrolment({ actor });
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qr.size).toBeGreaterThan(20);
    const stored = await db().authenticatorApp.findUniqueOrThrow({ where: { userId: actor.userId } });
    expect(stored.secretEncrypted).not.toContain(enrolment.secret);
    expect(openSecret(stored.secretEncrypted, process.env.TWO_FACTOR_SECRET!)).toBe(enrolment.secret);
    expect(stored.confirmedAt).toBeNull();

    const now = new Date();
    const wrong = await failureOf(confirmAppEnrolment({ actor, input: { code: "000000" === totpCodeAt(enrolment.secret, now) ? "111111" : "000000" }, now }));
    expect(wrong.fieldErrors?.code).toBeDefined();
    const { recoveryCodes } = await confirmAppEnrolment({ actor, input: { code: totpCodeAt(enrolment.secret, now) }, now });
    if (!recoveryCodes) throw new Error("the first second factor comes with recovery codes");
    expect(recoveryCodes).toHaveLength(10);
    const rows = await db().recoveryCode.findMany({ where: { userId: actor.userId } });
    expect(rows).toHaveLength(10);
    for (const code of recoveryCodes) expect(JSON.stringify(rows)).not.toContain(code);
    const events = await db().auditEvent.findMany({ where: { actorUserId: actor.userId, action: "auth.two_factor_enabled" } });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(enrolment.secret);

    // A confirmed app is not replaced by starting again.
    expect((await failureOf(startAppEnrolment({ actor }))).code).toBe("CONFLICT");
    expect((await failureOf(confirmAppEnrolment({ actor, input: { code: totpCodeAt(enrolment.secret, now) }, now }))).code).toBe("CONFLICT");
  });

  it("two confirmations racing with the same code give one set of recovery codes", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const actor = actors.ADMIN;
    const { secret } = await startAppEnrolment({ actor });
    const now = new Date();
    const results = await Promise.allSettled([0, 1, 2].map(() => confirmAppEnrolment({ actor, input: { code: totpCodeAt(secret, now) }, now })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().recoveryCode.count({ where: { userId: actor.userId } })).toBe(10);
  });

  it("refuses hostile codes clearly and changes nothing", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const actor = actors.SECURITY;
    await startAppEnrolment({ actor });
    const before = await db().authenticatorApp.findUniqueOrThrow({ where: { userId: actor.userId } });
    for (const code of ["", "__proto__", "constructor", "12345\u0000", "x".repeat(65), 123456, null, { toString: "123456" }]) {
      await expect(confirmAppEnrolment({ actor, input: { code } })).rejects.toThrow();
    }
    expect(await db().authenticatorApp.findUniqueOrThrow({ where: { userId: actor.userId } })).toEqual(before);
  });
});

describe("signing in with a second factor", () => {
  it("asks for a code after the right password, takes a current code once, and refuses it again", async () => {
    const { members } = await createOrganizationWithAllRoles();
    const member = members[3];
    const { secret } = await giveAuthenticatorApp(member.userId);
    const now = aMoment();
    const ipAddress = address();
    const credentials = { email: member.email, password: TEST_PASSWORD };
    const asked = await failureOf(authenticate({ credentials, ipAddress, now }));
    expect(asked).toMatchObject({ code: "SECOND_FACTOR_REQUIRED", message: SECOND_FACTOR_PROMPT });
    // A wrong password never reaches the code step.
    expect(
      (await failureOf(authenticate({ credentials: { ...credentials, password: "nope", code: totpCodeAt(secret, now) }, ipAddress, now, refusalFloorMs: 0 })))
        .code,
    ).toBe("UNAUTHENTICATED");

    const code = totpCodeAt(secret, now);
    expect(await authenticate({ credentials: { ...credentials, code }, ipAddress, now })).toMatchObject({ id: member.userId });
    const replay = await failureOf(authenticate({ credentials: { ...credentials, code }, ipAddress, now }));
    expect(replay.code).toBe("INVALID_INPUT");
    const app = await db().authenticatorApp.findUniqueOrThrow({ where: { userId: member.userId } });
    expect(app.lastUsedStep).toBe(totpStep(now));
    const signIns = await db().auditEvent.findMany({ where: { actorUserId: member.userId, action: { in: ["auth.sign_in", "auth.second_factor_failed"] } } });
    expect(signIns.map((event) => event.action).sort()).toEqual(["auth.second_factor_failed", "auth.sign_in"]);
    expect(signIns.find((event) => event.action === "auth.sign_in")?.details).toEqual({ secondFactor: "authenticator_app" });
  });

  it("the same code sent twice at once signs in once", async () => {
    const { members } = await createOrganizationWithAllRoles();
    const { secret } = await giveAuthenticatorApp(members[2].userId);
    const now = aMoment();
    const code = totpCodeAt(secret, now);
    const results = await Promise.allSettled([0, 1, 2, 3].map(() => verifySecondFactor({ userId: members[2].userId, proof: { code }, field: "code", now })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("takes each recovery code once, whatever its case or dashes", async () => {
    const { actors, members } = await createOrganizationWithAllRoles();
    const actor = actors.OWNER;
    await giveAuthenticatorApp(actor.userId);
    const { recoveryCodes } = await regenerateRecoveryCodes({ actor });
    const [first, second] = recoveryCodes;
    const credentials = { email: members[0].email, password: TEST_PASSWORD };
    const ipAddress = address();
    expect(await authenticate({ credentials: { ...credentials, code: first.toUpperCase().replace("-", " ") }, ipAddress })).toMatchObject({ id: actor.userId });
    expect((await failureOf(authenticate({ credentials: { ...credentials, code: first }, ipAddress }))).code).toBe("INVALID_INPUT");
    const codesAt = await Promise.allSettled([0, 1, 2].map(() => verifySecondFactor({ userId: actor.userId, proof: { code: second }, field: "code" })));
    expect(codesAt.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // New codes replace the old: the unused ones stop working.
    await regenerateRecoveryCodes({ actor });
    expect((await failureOf(verifySecondFactor({ userId: actor.userId, proof: { code: recoveryCodes[2] }, field: "code" }))).code).toBe("INVALID_INPUT");
  });

  it("after a few wrong codes from any address, makes each further try wait, even with the right code", async () => {
    const { members } = await createOrganizationWithAllRoles();
    const member = members[1];
    const { secret } = await giveAuthenticatorApp(member.userId);
    const now = aMoment();
    const right = totpCodeAt(secret, now);
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < FREE_WRONG_CODES; i++) {
      const error = await failureOf(authenticate({ credentials: { email: member.email, password: TEST_PASSWORD, code: wrong }, ipAddress: address(), now }));
      expect(error.code).toBe("INVALID_INPUT");
    }
    const held = await failureOf(authenticate({ credentials: { email: member.email, password: TEST_PASSWORD, code: right }, ipAddress: address(), now }));
    expect(held).toBeInstanceOf(RateLimitedError);
    expect((held as RateLimitedError).retryAfterSeconds).toBe(30);
    const later = new Date(now.getTime() + 31_000);
    expect(
      await authenticate({ credentials: { email: member.email, password: TEST_PASSWORD, code: totpCodeAt(secret, later) }, ipAddress: address(), now: later }),
    ).toMatchObject({
      id: member.userId,
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: member.userId } })).secondFactorFailures).toBe(0);
  });

  it("wrong codes from strangers do not hold up the owner at an address they signed in from before", async () => {
    const { members } = await createOrganizationWithAllRoles();
    const member = members[2];
    const { secret } = await giveAuthenticatorApp(member.userId);
    const home = address();
    const first = aMoment();
    await authenticate({ credentials: { email: member.email, password: TEST_PASSWORD, code: totpCodeAt(secret, first) }, ipAddress: home, now: first });
    const now = new Date(first.getTime() + 60_000);
    const wrong = totpCodeAt(secret, now) === "000000" ? "111111" : "000000";
    for (let i = 0; i < FREE_WRONG_CODES + 3; i++) {
      await authenticate({ credentials: { email: member.email, password: TEST_PASSWORD, code: wrong }, ipAddress: address(), now }).catch(() => {});
    }
    const stranger = await failureOf(
      authenticate({ credentials: { email: member.email, password: TEST_PASSWORD, code: totpCodeAt(secret, now) }, ipAddress: address(), now }),
    );
    expect(stranger).toBeInstanceOf(RateLimitedError);
    expect(
      await authenticate({ credentials: { email: member.email, password: TEST_PASSWORD, code: totpCodeAt(secret, now) }, ipAddress: home, now }),
    ).toMatchObject({
      id: member.userId,
    });
  });

  it("an unconfirmed app does not ask for a code", async () => {
    const { members } = await createOrganizationWithAllRoles();
    await giveAuthenticatorApp(members[3].userId, { confirmed: false });
    expect(await authenticate({ credentials: { email: members[3].email, password: TEST_PASSWORD }, ipAddress: address() })).toMatchObject({
      id: members[3].userId,
    });
  });
});

describe("removing an authenticator app", () => {
  it("needs the password and a code, and is audited", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const actor = actors.ADMIN;
    const { secret } = await giveAuthenticatorApp(actor.userId);
    const now = aMoment();
    const code = totpCodeAt(secret, now);
    expect((await failureOf(removeAuthenticatorApp({ actor, input: { password: "wrong password", code }, now }))).fieldErrors?.password).toBeDefined();
    expect((await failureOf(removeAuthenticatorApp({ actor, input: { password: TEST_PASSWORD, code: "12-34-56" }, now }))).fieldErrors?.code).toBeDefined();
    expect(await db().authenticatorApp.count({ where: { userId: actor.userId } })).toBe(1);
    await removeAuthenticatorApp({ actor, input: { password: TEST_PASSWORD, code }, now });
    expect(await db().authenticatorApp.count({ where: { userId: actor.userId } })).toBe(0);
    expect(await db().auditEvent.count({ where: { actorUserId: actor.userId, action: "auth.two_factor_disabled" } })).toBe(1);
  });
});

describe("requiring two-factor sign-in", () => {
  it("only an owner who has it may turn it on; then members without it may only enrol", async () => {
    const { organization, actors, members } = await createOrganizationWithAllRoles();
    for (const role of ["ADMIN", "SECURITY", "MEMBER"] as const) {
      expect((await failureOf(setRequireTwoFactor({ actor: actors[role], input: { enabled: true } }))).code).toBe("FORBIDDEN");
    }
    expect((await failureOf(setRequireTwoFactor({ actor: actors.OWNER, input: { enabled: true } }))).code).toBe("CONFLICT");
    for (const input of [{ enabled: "true" }, { enabled: 1 }, null, { ["__proto__"]: { enabled: true } }]) {
      await expect(setRequireTwoFactor({ actor: actors.OWNER, input })).rejects.toThrow();
    }
    expect((await db().organization.findUniqueOrThrow({ where: { id: organization.id } })).requireTwoFactor).toBe(false);

    const { secret } = await giveAuthenticatorApp(actors.OWNER.userId);
    expect(await setRequireTwoFactor({ actor: actors.OWNER, input: { enabled: true } })).toEqual({ changed: true });
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "organization.two_factor_required" } })).toBe(1);

    const memberSession = await createAuthSession({ userId: members[3].userId });
    const ownerSession = await createAuthSession({ userId: members[0].userId });
    expect(await resolveMember(memberSession.sessionId)).toMatchObject({ mustEnrolTwoFactor: true });
    expect(await resolveMember(ownerSession.sessionId)).toMatchObject({ mustEnrolTwoFactor: false });

    // While it is required, the owner's app cannot be removed.
    const now = aMoment();
    const refused = await failureOf(removeAuthenticatorApp({ actor: actors.OWNER, input: { password: TEST_PASSWORD, code: totpCodeAt(secret, now) }, now }));
    expect(refused.code).toBe("CONFLICT");

    // Enrolling ends the restriction.
    const enrolment = await startAppEnrolment({ actor: actors.MEMBER });
    await confirmAppEnrolment({ actor: actors.MEMBER, input: { code: totpCodeAt(enrolment.secret, new Date()) } });
    expect(await resolveMember(memberSession.sessionId)).toMatchObject({ mustEnrolTwoFactor: false });
  });
});
