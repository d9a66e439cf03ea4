import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { authenticationResponse } from "./passkey-input";
import { relyingParty } from "./relying-party";
import { answeredChallenge, consumeChallenge, keepChallenge } from "./webauthn-challenges";

export const PASSKEY_REFUSED_MESSAGE = "That passkey did not work here. Try again, or use another way to sign in.";

// Options for the browser to sign with a passkey. With userId (a session's
// re-authentication), only that user's passkeys are offered and the answer
// must come from one of them; without, any passkey of this panel may answer
// and names its user.
export async function startPasskeyAssertion(options: { ipAddress: string; userId?: string }): Promise<{ options: PublicKeyCredentialRequestOptionsJSON }> {
  const passkeys = options.userId
    ? await db().passkey.findMany({ where: { userId: options.userId }, select: { credentialId: true, transports: true } })
    : undefined;
  const rp = relyingParty();
  const request = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: "required",
    allowCredentials: passkeys?.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransport[] })),
  });
  await keepChallenge({ challenge: request.challenge, purpose: "authenticate", userId: options.userId, ipAddress: options.ipAddress });
  return { options: request };
}

// Checks a passkey's answer (the browser's AuthenticationResponseJSON) to a
// challenge of ours, used up either way, and returns whose passkey signed.
// mustBelongTo: the user the passkey has to be of (a second step, a
// re-authentication). A challenge made for one user is answered only by a
// passkey of theirs. Refusals say the same whatever went wrong.
export async function verifyPasskeyAssertion(options: { proof: unknown; mustBelongTo?: string; now?: Date }): Promise<{ userId: string; passkeyName: string }> {
  const now = options.now ?? new Date();
  const parsed = authenticationResponse.safeParse(options.proof);
  if (!parsed.success) throw new AppError("INVALID_INPUT", PASSKEY_REFUSED_MESSAGE);
  const response = parsed.data;
  const expectedChallenge = answeredChallenge(response.response.clientDataJSON);
  const { userId: madeFor } = await consumeChallenge({ challenge: expectedChallenge, purpose: "authenticate", now });
  const passkey = await db().passkey.findUnique({ where: { credentialId: response.id } });
  const owners = [madeFor, options.mustBelongTo].filter((owner) => owner !== null && owner !== undefined);
  if (!passkey || owners.some((owner) => owner !== passkey.userId)) throw new AppError("INVALID_INPUT", PASSKEY_REFUSED_MESSAGE);
  const rp = relyingParty();
  const verification = await verifyAuthenticationResponse({
    response: response as AuthenticationResponseJSON,
    expectedChallenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: Number(passkey.counter),
      transports: passkey.transports as AuthenticatorTransport[],
    },
    requireUserVerification: true,
  }).catch(() => null);
  if (!verification?.verified) throw new AppError("INVALID_INPUT", PASSKEY_REFUSED_MESSAGE);
  await db().passkey.update({ where: { id: passkey.id }, data: { counter: BigInt(verification.authenticationInfo.newCounter), lastUsedAt: now } });
  return { userId: passkey.userId, passkeyName: passkey.name };
}
