import { db } from "@/lib/db/client";
import { AppError, RateLimitedError } from "@/lib/errors";
import { describeWait } from "@/lib/auth/sign-in-throttle";
import { codeAttemptWait } from "./code-throttle";
import { hashRecoveryCode, normalizeRecoveryCode } from "./recovery-codes";
import { openSecret, twoFactorSecret } from "./secret-box";
import { matchTotpCode, normalizeTotpCode, TOTP_CODE_PATTERN } from "./totp";

export type SecondFactorMethod = "authenticator_app" | "recovery_code";

export const WRONG_CODE_MESSAGE = "That code is not right. Enter the current code from your authenticator app, or an unused recovery code.";
export const CODE_FIELD_MAX = 64;

// Whether the user has a confirmed second factor (an authenticator app).
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const app = await db().authenticatorApp.findUnique({ where: { userId }, select: { confirmedAt: true } });
  return Boolean(app?.confirmedAt);
}

async function acceptAppCode(userId: string, secretEncrypted: string, lastUsedStep: number, code: string, now: Date): Promise<boolean> {
  const step = matchTotpCode({ secret: openSecret(secretEncrypted, twoFactorSecret()), code, now, lastUsedStep });
  if (step === null) return false;
  // Only a later step than the last accepted one moves it forward: of two
  // requests racing with the same code, one wins.
  const { count } = await db().authenticatorApp.updateMany({
    where: { userId, lastUsedStep: { lt: step } },
    data: { lastUsedStep: step, failedCodes: 0, lastFailedAt: null },
  });
  return count === 1;
}

async function acceptRecoveryCode(userId: string, code: string, now: Date): Promise<boolean> {
  const normalized = normalizeRecoveryCode(code);
  if (!normalized) return false;
  return db().$transaction(async (tx) => {
    const { count } = await tx.recoveryCode.updateMany({
      where: { userId, codeHash: hashRecoveryCode(normalized), usedAt: null },
      data: { usedAt: now },
    });
    if (count === 1) await tx.authenticatorApp.updateMany({ where: { userId }, data: { failedCodes: 0, lastFailedAt: null } });
    return count === 1;
  });
}

// Checks a code from the user's authenticator app, or one of their recovery
// codes, under the code throttle (lib/two-factor/code-throttle.ts). Each
// code is accepted once. A wrong one is a field error on `field`.
export async function verifySecondFactor(options: { userId: string; code: string; field: string; now?: Date }): Promise<SecondFactorMethod> {
  const { userId, field } = options;
  const now = options.now ?? new Date();
  const app = await db().authenticatorApp.findUnique({ where: { userId } });
  if (!app?.confirmedAt) throw new AppError("INVALID_INPUT", "This account has no authenticator app.", { [field]: ["This account has no authenticator app."] });
  const wait = codeAttemptWait({ failedCodes: app.failedCodes, lastFailedAt: app.lastFailedAt, now });
  if (wait > 0) throw new RateLimitedError(`Too many wrong codes. Try again in ${describeWait(wait)}.`, wait);

  const code = options.code.slice(0, CODE_FIELD_MAX);
  const accepted = TOTP_CODE_PATTERN.test(normalizeTotpCode(code))
    ? await acceptAppCode(userId, app.secretEncrypted, app.lastUsedStep, code, now)
    : await acceptRecoveryCode(userId, code, now);
  if (accepted) return TOTP_CODE_PATTERN.test(normalizeTotpCode(code)) ? "authenticator_app" : "recovery_code";

  await db().authenticatorApp.updateMany({ where: { userId }, data: { failedCodes: { increment: 1 }, lastFailedAt: now } });
  throw new AppError("INVALID_INPUT", WRONG_CODE_MESSAGE, { [field]: [WRONG_CODE_MESSAGE] });
}
