import { lockCaller } from "@/lib/auth/lock-caller";
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { Actor } from "@/lib/auth/actor";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { countSecondFactors, replaceRecoveryCodes } from "@/lib/two-factor/recovery-code-store";
import { z } from "@/lib/validation/zod";
import { passkeyName, registrationResponse } from "./passkey-input";
import { relyingParty } from "./relying-party";
import { answeredChallenge, consumeChallenge, keepChallenge } from "./webauthn-challenges";

export const MAX_PASSKEYS = 10;
const NOT_REGISTERED = "This passkey could not be registered. Try again, or use another one.";

export const finishRegistrationInput = z.object({ name: passkeyName, response: registrationResponse });

// Options for the browser to make a passkey for the caller. Passkeys are
// discoverable (they sign in without an email) and verify their user (PIN
// or biometrics), so one counts as two factors.
export async function startPasskeyRegistration(options: { actor: Actor }): Promise<{ options: PublicKeyCredentialCreationOptionsJSON }> {
  const { actor } = options;
  assertReauthenticated(actor, "two_factor.change");
  const user = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { email: true, name: true, passkeys: { select: { credentialId: true, transports: true } } },
  });
  if (user.passkeys.length >= MAX_PASSKEYS)
    throw new AppError("CONFLICT", `You have ${MAX_PASSKEYS} passkeys, the most an account can have. Remove one first.`);
  const rp = relyingParty();
  const creation = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(actor.userId),
    attestationType: "none",
    excludeCredentials: user.passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransport[] })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  await keepChallenge({ challenge: creation.challenge, purpose: "register", userId: actor.userId, ipAddress: actor.ipAddress ?? "unknown" });
  return { options: creation };
}

// Checks the browser's new passkey against its challenge and keeps its
// public key. The account's first second factor also gets ten recovery
// codes, returned once.
export async function finishPasskeyRegistration(options: { actor: Actor; input: unknown }): Promise<{ recoveryCodes: string[] | null }> {
  const { actor } = options;
  const input = finishRegistrationInput.parse(options.input);
  assertReauthenticated(actor, "two_factor.change");
  const expectedChallenge = answeredChallenge(input.response.response.clientDataJSON);
  await consumeChallenge({ challenge: expectedChallenge, purpose: "register", userId: actor.userId });
  const rp = relyingParty();
  const verification = await verifyRegistrationResponse({
    response: input.response as RegistrationResponseJSON,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified || !verification.registrationInfo) throw new AppError("INVALID_INPUT", NOT_REGISTERED);
  const { credential, credentialBackedUp } = verification.registrationInfo;
  try {
    return await db().$transaction(async (tx) => {
      await lockCaller(tx, actor, null);
      await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${actor.userId} FOR UPDATE`;
      const before = await countSecondFactors(tx, actor.userId);
      if ((await tx.passkey.count({ where: { userId: actor.userId } })) >= MAX_PASSKEYS) {
        throw new AppError("CONFLICT", `You have ${MAX_PASSKEYS} passkeys, the most an account can have. Remove one first.`);
      }
      await tx.passkey.create({
        data: {
          userId: actor.userId,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey),
          counter: BigInt(credential.counter),
          transports: credential.transports ?? [],
          backedUp: credentialBackedUp,
          name: input.name,
        },
      });
      const recoveryCodes = before === 0 ? await replaceRecoveryCodes(tx, actor.userId) : null;
      // Last: the event takes the organization's audit chain lock.
      await recordAuditEvent(tx, { actor, action: "auth.passkey_added", details: { name: input.name } });
      return { recoveryCodes };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", "This passkey is already registered.");
    throw error;
  }
}
