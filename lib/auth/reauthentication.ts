import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError, RateLimitedError } from "@/lib/errors";
import { addressGroup } from "@/lib/net/address-group";
import { z } from "@/lib/validation/zod";
import type { Actor } from "./actor";
import { verifyPassword } from "./password";
import {
  isFreshReauthentication,
  needsReauthentication,
  REAUTHENTICATION_WINDOW_MS,
  type SensitiveAction,
  type SensitiveContext,
} from "./reauthentication-rules";
import { findSignInAccount } from "./sign-in-account";
import { claimSignInAttempt, forgetPairFailures } from "./sign-in-attempts";
import { describeWait } from "./sign-in-throttle";
import { verifySecondFactor, type SecondFactorProof } from "@/lib/two-factor/second-factor";
import { isLocalSignInBlocked } from "@/lib/sso/password-sign-in-policy";

export const REAUTH_REQUIRED_MESSAGE = "Confirm it is you: enter your password to continue.";
export const WRONG_PASSWORD_MESSAGE = "That is not your password.";
const SSO_CONFIRM_MESSAGE = "Your organization signs in with single sign-on: sign out and sign in again with SSO to confirm it is you.";
const SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again.";

// Refuses a sensitive action (lib/auth/reauthentication-rules.ts) unless this
// session re-authenticated within the window. Called by the domain function
// once it knows its target, before it changes anything.
export function assertReauthenticated(actor: Actor, action: SensitiveAction, context: SensitiveContext = {}, now = new Date()): void {
  if (!needsReauthentication(action, context)) return;
  if (isFreshReauthentication(actor.session?.reauthenticatedAt, now)) return;
  throw new AppError("REAUTH_REQUIRED", REAUTH_REQUIRED_MESSAGE);
}

// The ways to pass a re-authentication: the password, a code from the
// user's authenticator app (or a recovery code), or one of their passkeys.
export const reauthenticateInput = z.discriminatedUnion(
  "method",
  [
    z.object({
      method: z.literal("password"),
      password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(256, "A password has at most 256 characters."),
    }),
    z.object({
      method: z.literal("code"),
      code: z.string({ error: "Enter the code." }).trim().min(1, "Enter the code.").max(64, "That code is too long."),
    }),
    z.object({ method: z.literal("passkey"), passkey: z.unknown() }),
  ],
  { error: "Enter your password." },
);
export type ReauthenticateInput = z.infer<typeof reauthenticateInput>;

// Checks the caller's own password under the sign-in throttle: wrong ones
// count like failed sign-ins (per account and address), so neither the
// re-authentication dialog nor the password change is a way around it.
// Returns the hash it matched; a wrong one is a field error on `field`.
export async function checkOwnPassword(options: { actor: Actor; password: string; field: string; now: Date }): Promise<{ passwordHash: string }> {
  const { actor, now } = options;
  const { email } = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true } });
  const ipAddress = addressGroup(actor.ipAddress ?? "unknown");
  const { user, fromKnownAddress } = await findSignInAccount({ email, ipAddress, now });
  const attempt = await claimSignInAttempt({ email, ipAddress, fromKnownAddress, now });
  if (!attempt.allowed) {
    throw new RateLimitedError(`Too many wrong passwords. Try again in ${describeWait(attempt.retryAfterSeconds)}.`, attempt.retryAfterSeconds);
  }
  const passwordHash = user?.passwordHash ?? undefined;
  if (!passwordHash || !(await verifyPassword(passwordHash, options.password))) {
    await db().$transaction((tx) => recordAuditEvent(tx, { actor, action: "auth.reauthentication_failed" }));
    throw new AppError("INVALID_INPUT", WRONG_PASSWORD_MESSAGE, { [options.field]: [WRONG_PASSWORD_MESSAGE] });
  }
  await forgetPairFailures({ email, ipAddress });
  // While an organization requires SSO, a password proves nothing there but
  // for the break-glass owner: the identity provider may have shut this
  // person out already.
  if (await isLocalSignInBlocked(actor.userId)) throw new AppError("FORBIDDEN", SSO_CONFIRM_MESSAGE);
  return { passwordHash };
}

// A second factor as the proof: wrong ones are audited like wrong passwords
// and count towards the code throttle (lib/two-factor/code-throttle.ts).
async function checkOwnSecondFactor(options: { actor: Actor; proof: SecondFactorProof; now: Date }): Promise<void> {
  const method = "code" in options.proof ? "code" : "passkey";
  try {
    const { email } = await db().user.findUniqueOrThrow({ where: { id: options.actor.userId }, select: { email: true } });
    const { fromKnownAddress } = await findSignInAccount({ email, ipAddress: addressGroup(options.actor.ipAddress ?? "unknown"), now: options.now });
    await verifySecondFactor({ userId: options.actor.userId, proof: options.proof, field: method, fromKnownAddress, now: options.now });
  } catch (error) {
    if (error instanceof AppError && error.code === "INVALID_INPUT") {
      await db().$transaction((tx) => recordAuditEvent(tx, { actor: options.actor, action: "auth.reauthentication_failed", details: { method } }));
    }
    throw error;
  }
}

// Checks the caller's password again and marks their session (this one
// only) re-authenticated for REAUTHENTICATION_WINDOW_MS.
export async function reauthenticate(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ until: Date }> {
  const { actor } = options;
  const input = reauthenticateInput.parse(options.input);
  const now = options.now ?? new Date();
  const sessionId = actor.session?.id;
  if (!sessionId) throw new AppError("UNAUTHENTICATED", SESSION_ENDED_MESSAGE);
  if (input.method === "password") await checkOwnPassword({ actor, password: input.password, field: "password", now });
  else
    await checkOwnSecondFactor({ actor, proof: input.method === "code" ? { code: input.code } : { passkey: input.passkey, purpose: "reauthenticate" }, now });
  return db().$transaction(async (tx) => {
    const { count } = await tx.authSession.updateMany({
      where: { id: sessionId, userId: actor.userId, revokedAt: null, expiresAt: { gt: now } },
      data: { reauthenticatedAt: now },
    });
    if (count === 0) throw new AppError("UNAUTHENTICATED", SESSION_ENDED_MESSAGE);
    await recordAuditEvent(tx, { actor, action: "auth.reauthenticated", details: { method: input.method } });
    return { until: new Date(now.getTime() + REAUTHENTICATION_WINDOW_MS) };
  });
}
