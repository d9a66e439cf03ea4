import { addressSequence, failureOf } from "@/lib/testing/sign-in-helpers";
import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { signInWithPasskey } from "@/lib/auth/passkey-sign-in";
import { reauthenticate } from "@/lib/auth/reauthentication";
import { createAuthSession } from "@/lib/auth/auth-sessions";
import { resolveMember } from "@/lib/auth/resolve-member";
import { db } from "@/lib/db/client";
import { RateLimitedError } from "@/lib/errors";
import { removeMember } from "@/lib/members/change-member";
import { createOrganizationWithAllRoles, giveAuthenticatorApp, TEST_PASSWORD } from "@/lib/testing/fixtures";
import { addMember } from "@/lib/members/add-member";
import { SoftAuthenticator } from "@/lib/testing/soft-authenticator";
import { setRequireTwoFactor } from "@/lib/two-factor/require-two-factor";
import { regenerateRecoveryCodes } from "@/lib/two-factor/authenticator-app";
import { listPasskeys, removePasskey, renamePasskey } from "./manage-passkeys";
import { finishPasskeyRegistration, MAX_PASSKEYS, startPasskeyRegistration } from "./register-passkey";
import { relyingParty } from "./relying-party";
import { startPasskeyAssertion } from "./verify-passkey";
import { keepChallenge, LIVE_PER_ADDRESS } from "./webauthn-challenges";

const rp = relyingParty();
const newAuthenticator = (options: { verifiesUser?: boolean } = {}) => new SoftAuthenticator({ origin: rp.origin, rpId: rp.id, ...options });
type World = Awaited<ReturnType<typeof createOrganizationWithAllRoles>>;
type Actor = World["actors"]["OWNER"];

const address = addressSequence();

async function registerPasskey(actor: Actor, authenticator = newAuthenticator(), name = "Laptop") {
  const { options } = await startPasskeyRegistration({ actor });
  return finishPasskeyRegistration({ actor, input: { name, response: authenticator.register(options.challenge) } });
}

// What the sign-in page gets and what the passkey answers.
async function signedAnswer(authenticator: SoftAuthenticator, userId?: string) {
  const { options } = await startPasskeyAssertion({ ipAddress: address(), userId });
  return authenticator.authenticate(options.challenge);
}

describe("adding passkeys", () => {
  it("keeps only the public key; the first second factor comes with recovery codes, the next does not", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const actor = actors.MEMBER;
    const first = await registerPasskey(actor);
    expect(first.recoveryCodes).toHaveLength(10);
    expect((await registerPasskey(actor, newAuthenticator(), "Phone")).recoveryCodes).toBeNull();
    const passkeys = await listPasskeys(actor.userId);
    expect(passkeys.map((p) => p.name)).toEqual(["Laptop", "Phone"]);
    expect(await db().auditEvent.count({ where: { actorUserId: actor.userId, action: "auth.passkey_added" } })).toBe(2);
  });

  it("refuses an answer to another user's challenge, a replayed one, another origin, one without user verification, and the same passkey twice", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const authenticator = newAuthenticator();
    const { options: forAdmin } = await startPasskeyRegistration({ actor: actors.ADMIN });
    // The member answers the admin's challenge.
    expect(
      (await failureOf(finishPasskeyRegistration({ actor: actors.MEMBER, input: { name: "Stolen", response: authenticator.register(forAdmin.challenge) } })))
        .code,
    ).toBe("INVALID_INPUT");
    // The admin's own answer works once; its replay does not.
    const adminKey = newAuthenticator();
    await finishPasskeyRegistration({ actor: actors.ADMIN, input: { name: "Admin", response: adminKey.register(forAdmin.challenge) } });
    expect(
      (await failureOf(finishPasskeyRegistration({ actor: actors.ADMIN, input: { name: "Again", response: newAuthenticator().register(forAdmin.challenge) } })))
        .code,
    ).toBe("INVALID_INPUT");
    const { options } = await startPasskeyRegistration({ actor: actors.ADMIN });
    expect(
      (
        await failureOf(
          finishPasskeyRegistration({
            actor: actors.ADMIN,
            input: { name: "Phish", response: authenticator.register(options.challenge, { origin: "https://evil.test" }) },
          }),
        )
      ).code,
    ).toBe("INVALID_INPUT");
    const { options: again } = await startPasskeyRegistration({ actor: actors.ADMIN });
    const lazy = newAuthenticator({ verifiesUser: false });
    expect(
      (await failureOf(finishPasskeyRegistration({ actor: actors.ADMIN, input: { name: "No PIN", response: lazy.register(again.challenge) } }))).code,
    ).toBe("INVALID_INPUT");
    expect(await db().passkey.count({ where: { userId: { in: [actors.ADMIN.userId, actors.MEMBER.userId] } } })).toBe(1);

    await registerPasskey(actors.ADMIN, authenticator);
    expect((await failureOf(registerPasskey(actors.ADMIN, authenticator))).code).toBe("CONFLICT");
  });

  it("refuses hostile input clearly and stores nothing", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const actor = actors.SECURITY;
    const { options } = await startPasskeyRegistration({ actor });
    const good = newAuthenticator().register(options.challenge);
    for (const input of [
      null,
      {},
      { name: "__proto__", response: null },
      { name: "Laptop", response: { ...good, type: "constructor" } },
      { name: "x".repeat(61), response: good },
      { name: "Laptop\u202e", response: good },
      { name: "\u200b", response: good },
      { name: " \u200b\u00a0", response: good },
      { name: "Laptop", response: { ...good, response: { ...good.response, clientDataJSON: "a".repeat(20_000) } } },
      { name: "Laptop", response: { ...good, response: { ...good.response, clientDataJSON: "not base64 json" } } },
    ]) {
      await expect(finishPasskeyRegistration({ actor, input }), JSON.stringify(input)?.slice(0, 80)).rejects.toThrow();
    }
    expect(await db().passkey.count({ where: { userId: actor.userId } })).toBe(0);
  });

  it(`stops at ${MAX_PASSKEYS} passkeys`, async () => {
    const { actors } = await createOrganizationWithAllRoles();
    for (let i = 0; i < MAX_PASSKEYS; i++) await registerPasskey(actors.OWNER, newAuthenticator(), `Key ${i}`);
    expect((await failureOf(startPasskeyRegistration({ actor: actors.OWNER }))).code).toBe("CONFLICT");
  });
});

describe("signing in with a passkey", () => {
  it("alone: its answer signs its user in once; a replay, a forged signature or another origin does not", async () => {
    const { actors, members } = await createOrganizationWithAllRoles();
    const authenticator = newAuthenticator();
    await registerPasskey(actors.ADMIN, authenticator);
    const answer = await signedAnswer(authenticator);
    const user = await signInWithPasskey({ answer: JSON.stringify(answer), ipAddress: address() });
    expect(user.id).toBe(actors.ADMIN.userId);
    expect(members.find((m) => m.userId === user.id)?.role).toBe("ADMIN");
    expect((await failureOf(signInWithPasskey({ answer: JSON.stringify(answer), ipAddress: address() }))).code).toBe("INVALID_INPUT");

    const { options } = await startPasskeyAssertion({ ipAddress: address() });
    const forged = authenticator.authenticate(options.challenge, { signWith: newAuthenticator() });
    expect((await failureOf(signInWithPasskey({ answer: JSON.stringify(forged), ipAddress: address() }))).code).toBe("INVALID_INPUT");
    const { options: other } = await startPasskeyAssertion({ ipAddress: address() });
    const phished = authenticator.authenticate(other.challenge, { origin: "https://secret-keys.evil.test" });
    expect((await failureOf(signInWithPasskey({ answer: JSON.stringify(phished), ipAddress: address() }))).code).toBe("INVALID_INPUT");
    for (const answerText of [undefined, "", "null", "{", '{"__proto__":{"id":"x"}}', "x".repeat(70_000)]) {
      expect((await failureOf(signInWithPasskey({ answer: answerText, ipAddress: address() }))).code).toBe("INVALID_INPUT");
    }
    const signIns = await db().auditEvent.findMany({ where: { actorUserId: actors.ADMIN.userId, action: "auth.sign_in" } });
    expect(signIns.map((event) => event.details)).toEqual([{ method: "passkey" }]);
  });

  it("a removed member's passkey no longer signs in", async () => {
    const { actors, members } = await createOrganizationWithAllRoles();
    const authenticator = newAuthenticator();
    await registerPasskey(actors.MEMBER, authenticator);
    await removeMember({ actor: actors.OWNER, input: { membershipId: members.find((m) => m.role === "MEMBER")!.membershipId } });
    expect((await failureOf(signInWithPasskey({ answer: JSON.stringify(await signedAnswer(authenticator)), ipAddress: address() }))).code).toBe("FORBIDDEN");
  });

  it("as the second step after the password: only the account's own passkey", async () => {
    const { actors, members } = await createOrganizationWithAllRoles();
    const own = newAuthenticator();
    const someoneElses = newAuthenticator();
    await registerPasskey(actors.SECURITY, own);
    await registerPasskey(actors.MEMBER, someoneElses);
    const email = members.find((m) => m.role === "SECURITY")!.email;
    const ipAddress = address();
    expect((await failureOf(authenticate({ credentials: { email, password: TEST_PASSWORD }, ipAddress }))).code).toBe("SECOND_FACTOR_REQUIRED");
    const wrong = await failureOf(
      authenticate({ credentials: { email, password: TEST_PASSWORD, passkey: JSON.stringify(await signedAnswer(someoneElses)) }, ipAddress }),
    );
    expect(wrong.code).toBe("INVALID_INPUT");
    const user = await authenticate({ credentials: { email, password: TEST_PASSWORD, passkey: JSON.stringify(await signedAnswer(own)) }, ipAddress });
    expect(user.id).toBe(actors.SECURITY.userId);
  });
});

describe("confirming it is you with a passkey", () => {
  it("takes the session user's own passkey, answering a challenge made for them", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const own = newAuthenticator();
    const other = newAuthenticator();
    await registerPasskey(actors.OWNER, own);
    await registerPasskey(actors.ADMIN, other);
    const { sessionId } = await createAuthSession({ userId: actors.OWNER.userId });
    const actor = { ...actors.OWNER, session: { id: sessionId, reauthenticatedAt: null } };
    // The admin's passkey, answering a challenge made for the owner.
    const { options } = await startPasskeyAssertion({ ipAddress: address(), userId: actors.OWNER.userId });
    await expect(reauthenticate({ actor, input: { method: "passkey", passkey: other.authenticate(options.challenge) } })).rejects.toThrow();
    const { options: fresh } = await startPasskeyAssertion({ ipAddress: address(), userId: actors.OWNER.userId });
    const { until } = await reauthenticate({ actor, input: { method: "passkey", passkey: own.authenticate(fresh.challenge) } });
    expect(until.getTime()).toBeGreaterThan(Date.now());
    expect((await db().authSession.findUniqueOrThrow({ where: { id: sessionId } })).reauthenticatedAt).not.toBeNull();
  });
});

describe("managing passkeys", () => {
  it("renames and removes only one's own; the last second factor stays while two-factor sign-in is required", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    await registerPasskey(actors.OWNER);
    const [passkey] = await listPasskeys(actors.OWNER.userId);
    expect((await failureOf(renamePasskey({ actor: actors.ADMIN, input: { passkeyId: passkey.id, name: "Mine now" } }))).code).toBe("NOT_FOUND");
    expect((await failureOf(removePasskey({ actor: actors.ADMIN, input: { passkeyId: passkey.id } }))).code).toBe("NOT_FOUND");
    await renamePasskey({ actor: actors.OWNER, input: { passkeyId: passkey.id, name: "Desk key" } });
    expect((await listPasskeys(actors.OWNER.userId))[0].name).toBe("Desk key");
    const renamed = await db().auditEvent.findFirstOrThrow({ where: { actorUserId: actors.OWNER.userId, action: "auth.passkey_renamed" } });
    expect(renamed.details).toEqual({ from: "Laptop", to: "Desk key" });

    // A passkey alone meets the requirement.
    await setRequireTwoFactor({ actor: actors.OWNER, input: { enabled: true } });
    const { sessionId } = await createAuthSession({ userId: actors.OWNER.userId });
    expect(await resolveMember(sessionId)).toMatchObject({ mustEnrolTwoFactor: false, hasPasskey: true });
    expect((await failureOf(removePasskey({ actor: actors.OWNER, input: { passkeyId: passkey.id } }))).code).toBe("CONFLICT");

    await setRequireTwoFactor({ actor: actors.OWNER, input: { enabled: false } });
    await removePasskey({ actor: actors.OWNER, input: { passkeyId: passkey.id } });
    expect(await db().passkey.count({ where: { userId: actors.OWNER.userId } })).toBe(0);
    expect(await db().recoveryCode.count({ where: { userId: actors.OWNER.userId } })).toBe(0);
  });
});

describe("passkey challenges", () => {
  it(`an address holds at most ${LIVE_PER_ADDRESS} unanswered ones; another address is not held up`, async () => {
    const crowded = `10.66.${Math.floor(Math.random() * 250)}.1`;
    for (let i = 0; i < LIVE_PER_ADDRESS; i++) await keepChallenge({ challenge: `c${i}-${crowded}`, purpose: "sign_in", ipAddress: crowded });
    const error = await startPasskeyAssertion({ ipAddress: crowded }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((await startPasskeyAssertion({ ipAddress: address() })).options.challenge).toBeTruthy();
  });

  it("a signed-in user's challenges count against them, not their address; a challenge serves only its own purpose; an answer from another site's frame is refused", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const crowded = `10.67.${Math.floor(Math.random() * 250)}.1`;
    for (let i = 0; i < LIVE_PER_ADDRESS; i++) await keepChallenge({ challenge: `d${i}-${crowded}`, purpose: "sign_in", ipAddress: crowded });
    // The address is full, yet a signed-in member there can still confirm it is them.
    expect((await startPasskeyAssertion({ ipAddress: crowded, userId: actors.OWNER.userId })).options.challenge).toBeTruthy();

    const authenticator = newAuthenticator();
    await registerPasskey(actors.OWNER, authenticator);
    const { options: forConfirming } = await startPasskeyAssertion({ ipAddress: address(), userId: actors.OWNER.userId });
    const answer = authenticator.authenticate(forConfirming.challenge);
    expect((await failureOf(signInWithPasskey({ answer: JSON.stringify(answer), ipAddress: address() }))).code).toBe("INVALID_INPUT");

    const { options } = await startPasskeyAssertion({ ipAddress: address() });
    const framed = authenticator.authenticate(options.challenge, { crossOrigin: true });
    expect((await failureOf(signInWithPasskey({ answer: JSON.stringify(framed), ipAddress: address() }))).code).toBe("INVALID_INPUT");
  });
});

describe("an account taken back", () => {
  it("starts without the passkeys, authenticator app and recovery codes it had when it was removed", async () => {
    const { actors, members } = await createOrganizationWithAllRoles();
    const member = members.find((m) => m.role === "MEMBER")!;
    const authenticator = newAuthenticator();
    await registerPasskey(actors.MEMBER, authenticator);
    await giveAuthenticatorApp(member.userId);
    await removeMember({ actor: actors.OWNER, input: { membershipId: member.membershipId } });
    await addMember({ actor: actors.OWNER, input: { name: "Back again", email: member.email, role: "ADMIN" } });
    expect(await db().passkey.count({ where: { userId: member.userId } })).toBe(0);
    expect(await db().authenticatorApp.count({ where: { userId: member.userId } })).toBe(0);
    expect(await db().recoveryCode.count({ where: { userId: member.userId } })).toBe(0);
    expect((await failureOf(signInWithPasskey({ answer: JSON.stringify(await signedAnswer(authenticator)), ipAddress: address() }))).code).toBe(
      "INVALID_INPUT",
    );
  });
});

describe("taking a second factor away", () => {
  it("removing a passkey or the app, or making new recovery codes, signs out every other session of the account", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const user = actors.SECURITY.userId;
    const here = await createAuthSession({ userId: user });
    const actor = { ...actors.SECURITY, session: { id: here.sessionId, reauthenticatedAt: new Date() } };
    const live = async () => db().authSession.count({ where: { userId: user, revokedAt: null } });

    await registerPasskey(actor);
    await createAuthSession({ userId: user });
    const [passkey] = await listPasskeys(user);
    expect(await removePasskey({ actor, input: { passkeyId: passkey.id } })).toEqual({ otherSessionsEnded: 1 });
    expect(await live()).toBe(1);

    await registerPasskey(actor);
    await createAuthSession({ userId: user });
    expect(await regenerateRecoveryCodes({ actor })).toMatchObject({ otherSessionsEnded: 1 });
    expect(await live()).toBe(1);
    expect((await db().authSession.findUniqueOrThrow({ where: { id: here.sessionId } })).revokedAt).toBeNull();
  });
});
