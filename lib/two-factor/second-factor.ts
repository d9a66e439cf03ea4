import { describeWait } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db/client";
import { AppError, RateLimitedError } from "@/lib/errors";
import { verifyPasskeyAssertion } from "@/lib/passkeys/verify-passkey";
import { codeAttemptWait } from "./code-throttle";
import { hashRecoveryCode, normalizeRecoveryCode } from "./recovery-codes";
import { openSecret, twoFactorSecret } from "./secret-box";
import { matchTotpCode, normalizeTotpCode, TOTP_CODE_PATTERN } from "./totp";

export type SecondFactorMethod = "authenticator_app" | "recovery_code" | "passkey";
// A code (from the app, or a recovery code), or a passkey's signed answer.
export type SecondFactorProof = { code: string } | { passkey: unknown };

export const WRONG_CODE_MESSAGE = "That code is not right. Enter the current code from your authenticator app, or an unused recovery code.";
export const CODE_FIELD_MAX = 64;

// Whether the user has a second factor: a confirmed authenticator app or a passkey.
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const [app, passkeys] = await Promise.all([
    db().authenticatorApp.findFirst({ where: { userId, confirmedAt: { not: null } }, select: { userId: true } }),
    db().passkey.count({ where: { userId } }),
  ]);
  return Boolean(app) || passkeys > 0;
}

async function acceptAppCode(userId: string, code: string, now: Date): Promise<boolean> {
  const app = await db().authenticatorApp.findFirst({ where: { userId, confirmedAt: { not: null } } });
  if (!app) return false;
  const step = matchTotpCode({ secret: openSecret(app.secretEncrypted, twoFactorSecret()), code, now, lastUsedStep: app.lastUsedStep });
  if (step === null) return false;
  // Only a later step than the last accepted one moves it forward: of two
  // requests racing with the same code, one wins.
  const { count } = await db().authenticatorApp.updateMany({ where: { userId, lastUsedStep: { lt: step } }, data: { lastUsedStep: step } });
  return count === 1;
}

async function acceptRecoveryCode(userId: string, code: string, now: Date): Promise<boolean> {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) return false;
  const { count } = await db().recoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(normalized), usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

async function accept(userId: string, proof: SecondFactorProof, now: Date): Promise<SecondFactorMethod | null> {
  if ("passkey" in proof) {
    const signed = await verifyPasskeyAssertion({ proof: proof.passkey, mustBelongTo: userId, now }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "INVALID_INPUT") return null;
      throw error;
    });
    return signed ? "passkey" : null;
  }
  const code = proof.code.slice(0, CODE_FIELD_MAX);
  if (TOTP_CODE_PATTERN.test(normalizeTotpCode(code))) return (await acceptAppCode(userId, code, now)) ? "authenticator_app" : null;
  return (await acceptRecoveryCode(userId, code, now)) ? "recovery_code" : null;
}

// Checks a second factor of the user: a code from their authenticator app,
// one of their recovery codes, or a passkey of theirs, under the code
// throttle (lib/two-factor/code-throttle.ts). Each code is accepted once. A
// wrong one is a field error on `field`.
export async function verifySecondFactor(options: { userId: string; proof: SecondFactorProof; field: string; now?: Date }): Promise<SecondFactorMethod> {
  const { userId, field } = options;
  const now = options.now ?? new Date();
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { secondFactorFailures: true, secondFactorFailedAt: true } });
  const wait = codeAttemptWait({ failedCodes: user.secondFactorFailures, lastFailedAt: user.secondFactorFailedAt, now });
  if (wait > 0) throw new RateLimitedError(`Too many wrong codes. Try again in ${describeWait(wait)}.`, wait);

  const method = await accept(userId, options.proof, now);
  if (method) {
    if (user.secondFactorFailures > 0) await db().user.update({ where: { id: userId }, data: { secondFactorFailures: 0, secondFactorFailedAt: null } });
    return method;
  }
  await db().user.update({ where: { id: userId }, data: { secondFactorFailures: { increment: 1 }, secondFactorFailedAt: now } });
  const message = "passkey" in options.proof ? "That passkey is not one of this account's. Try again, or enter a code." : WRONG_CODE_MESSAGE;
  throw new AppError("INVALID_INPUT", message, { [field]: [message] });
}
