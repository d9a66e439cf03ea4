import { afterAll, beforeAll, expect, it } from "vitest";
import { signInWithPasskey } from "@/lib/auth/passkey-sign-in";
import { db } from "@/lib/db/client";
import { finishPasskeyRegistration, startPasskeyRegistration } from "@/lib/passkeys/register-passkey";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { startPasskeyAssertion } from "@/lib/passkeys/verify-passkey";
import { actorFor, createOrganization, TEST_PASSWORD } from "@/lib/testing/fixtures";
import { createAuthSession } from "@/lib/auth/auth-sessions";
import { reauthenticate } from "@/lib/auth/reauthentication";
import { SoftAuthenticator } from "@/lib/testing/soft-authenticator";
import { setSsoRequired } from "./set-sso-required";

// Requiring SSO covers the panel's other way in: a passkey alone signs in
// only the break-glass owner.

const SSO_ENV = { OIDC_ISSUER: "http://127.0.0.1:1/issuer", OIDC_CLIENT_ID: "secret-keys", OIDC_CLIENT_SECRET: "not-used-here" };
beforeAll(() => void Object.assign(process.env, SSO_ENV));
afterAll(() => {
  for (const name of Object.keys(SSO_ENV)) delete process.env[name];
});

it("a passkey alone is refused while SSO is required, except the break-glass owner's", async () => {
  const rp = relyingParty();
  const { organization, members } = await createOrganization(["OWNER", "OWNER"]);
  const [breakGlass, owner] = members.map((member) => ({
    member,
    actor: actorFor(member, organization.id),
    key: new SoftAuthenticator({ origin: rp.origin, rpId: rp.id }),
  }));
  for (const { actor, key } of [breakGlass, owner]) {
    const { options } = await startPasskeyRegistration({ actor });
    await finishPasskeyRegistration({ actor, input: { name: "Laptop", response: key.register(options.challenge) } });
  }
  await setSsoRequired({ actor: owner.actor, input: { required: true, breakGlassMembershipId: breakGlass.member.membershipId } });
  const signIn = async (key: SoftAuthenticator) => {
    const { options } = await startPasskeyAssertion({ ipAddress: "198.51.100.23" });
    return signInWithPasskey({ answer: JSON.stringify(key.authenticate(options.challenge)), ipAddress: "198.51.100.23" });
  };
  await expect(signIn(owner.key)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/single sign-on/) });
  expect((await signIn(breakGlass.key)).id).toBe(breakGlass.member.userId);
  const failed = await db().auditEvent.findFirstOrThrow({ where: { organizationId: organization.id, action: "auth.sign_in_failed" } });
  expect(failed.details).toEqual({ method: "passkey", reason: "SSO required" });
});

it("while SSO is required, a password no longer confirms it is you, except the break-glass owner's", async () => {
  const { organization, members } = await createOrganization(["OWNER", "OWNER"]);
  const [breakGlass, owner] = members;
  await setSsoRequired({ actor: actorFor(owner, organization.id), input: { required: true, breakGlassMembershipId: breakGlass.membershipId } });
  const confirm = async (member: typeof owner) => {
    const { sessionId } = await createAuthSession({ userId: member.userId });
    const actor = { ...actorFor(member, organization.id), session: { id: sessionId, reauthenticatedAt: null } };
    return reauthenticate({ actor, input: { method: "password", password: TEST_PASSWORD } });
  };
  await expect(confirm(owner)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/single sign-on/) });
  expect((await confirm(breakGlass)).until).toBeInstanceOf(Date);
});
