import type { Actor } from "@/lib/auth/actor";
import { endOtherSessions } from "@/lib/auth/auth-sessions";
import { lockCaller } from "@/lib/auth/lock-caller";
import { assertReauthenticated, checkOwnPassword } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { z } from "@/lib/validation/zod";
import { qrCodePath } from "./qr-code";
import { countSecondFactors, replaceRecoveryCodes } from "./recovery-code-store";
import { CODE_FIELD_MAX, verifySecondFactor } from "./second-factor";
import { openSecret, sealSecret, twoFactorSecret } from "./secret-box";
import { matchTotpCode, newTotpSecret, totpUri } from "./totp";

// An enrolment not confirmed within this time starts over.
const ENROLMENT_MAX_AGE_MS = 30 * 60 * 1000;
const ISSUER = "Secret Keys";

export type AppEnrolment = { secret: string; uri: string; qr: { size: number; path: string } };

const codeField = z.string({ error: "Enter the code." }).trim().min(1, "Enter the code.").max(CODE_FIELD_MAX, "That code is too long.");
export const confirmAppInput = z.object({ code: codeField });
export const removeAppInput = z.object({
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(256, "A password has at most 256 characters."),
  code: codeField,
});

// Starts setting up an authenticator app: a new secret, shown now as a QR
// code and as text, then never again. Replaces an unconfirmed one.
export async function startAppEnrolment(options: { actor: Actor }): Promise<AppEnrolment> {
  const { actor } = options;
  assertReauthenticated(actor, "two_factor.change");
  const secret = newTotpSecret();
  const secretEncrypted = sealSecret(secret, twoFactorSecret());
  const { email } = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true } });
  await db().$transaction(async (tx) => {
    await lockCaller(tx, actor, null);
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${actor.userId} FOR UPDATE`;
    const existing = await tx.authenticatorApp.findUnique({ where: { userId: actor.userId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) throw new AppError("CONFLICT", "You already have an authenticator app. Remove it first to set up another.");
    await tx.authenticatorApp.upsert({
      where: { userId: actor.userId },
      create: { userId: actor.userId, secretEncrypted },
      update: { secretEncrypted, createdAt: new Date(), lastUsedStep: 0 },
    });
  });
  const uri = totpUri({ secret, accountName: email, issuer: ISSUER });
  return { secret, uri, qr: qrCodePath(uri) };
}

// Confirms the app with its first code. The account's first second factor
// also gets ten recovery codes, returned once (only their hashes are kept).
export async function confirmAppEnrolment(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ recoveryCodes: string[] | null }> {
  const { actor } = options;
  const now = options.now ?? new Date();
  const { code } = confirmAppInput.parse(options.input);
  assertReauthenticated(actor, "two_factor.change", {}, now);
  const pending = await db().authenticatorApp.findUnique({ where: { userId: actor.userId } });
  if (!pending || pending.confirmedAt || now.getTime() - pending.createdAt.getTime() > ENROLMENT_MAX_AGE_MS) {
    throw new AppError("CONFLICT", "This setup has expired or was finished elsewhere. Start again.");
  }
  const step = matchTotpCode({ secret: openSecret(pending.secretEncrypted, twoFactorSecret()), code, now, lastUsedStep: 0 });
  if (step === null) {
    const message = "That code does not match. Check the time on your phone and enter the code the app shows now.";
    throw new AppError("INVALID_INPUT", message, { code: [message] });
  }
  return db().$transaction(async (tx) => {
    // The user's row first, as every other change of second factors takes
    // it: a restart of the setup or a passkey added meanwhile waits, and the
    // count below is still true when the codes are made. The caller's
    // membership before it: a member removed meanwhile is refused.
    await lockCaller(tx, actor, null);
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${actor.userId} FOR UPDATE`;
    const before = await countSecondFactors(tx, actor.userId);
    // The same pending secret, still unconfirmed: a second confirmation
    // racing this one, or a restart of the setup meanwhile, gets nothing.
    const { count } = await tx.authenticatorApp.updateMany({
      where: { userId: actor.userId, confirmedAt: null, secretEncrypted: pending.secretEncrypted },
      data: { confirmedAt: now, lastUsedStep: step },
    });
    if (count === 0) throw new AppError("CONFLICT", "This setup has expired or was finished elsewhere. Start again.");
    const recoveryCodes = before === 0 ? await replaceRecoveryCodes(tx, actor.userId) : null;
    // Last: the event takes the organization's audit chain lock.
    await recordAuditEvent(tx, { actor, action: "auth.two_factor_enabled", details: { method: "authenticator_app" } });
    return { recoveryCodes };
  });
}

// Ten new recovery codes; the old ones stop working, and so do the account's
// other sessions (one may have been opened with an old code).
export async function regenerateRecoveryCodes(options: { actor: Actor }): Promise<{ recoveryCodes: string[]; otherSessionsEnded: number }> {
  const { actor } = options;
  assertReauthenticated(actor, "two_factor.change");
  return db().$transaction(async (tx) => {
    await lockCaller(tx, actor, null);
    if ((await countSecondFactors(tx, actor.userId)) === 0) throw new AppError("CONFLICT", "Set up an authenticator app or a passkey first.");
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.userId);
    const otherSessionsEnded = await endOtherSessions(tx, { actor });
    await recordAuditEvent(tx, { actor, action: "auth.recovery_codes_regenerated", details: { otherSessionsEnded } });
    return { recoveryCodes, otherSessionsEnded };
  });
}

// Removes the caller's authenticator app and signs out the account's other
// sessions; asks for the password and a current code (or a recovery code). While the organization requires
// two-factor sign-in, it stays if it is the last second factor. With none
// left, the recovery codes go too.
export async function removeAuthenticatorApp(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ otherSessionsEnded: number }> {
  const { actor } = options;
  const now = options.now ?? new Date();
  const input = removeAppInput.parse(options.input);
  await checkOwnPassword({ actor, password: input.password, field: "password", now });
  await verifySecondFactor({ userId: actor.userId, proof: { code: input.code }, field: "code", now });
  return db().$transaction(async (tx) => {
    await lockCaller(tx, actor, null);
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${actor.userId} FOR UPDATE`;
    const factors = await countSecondFactors(tx, actor.userId);
    const { requireTwoFactor } = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { requireTwoFactor: true } });
    if (requireTwoFactor && factors <= 1) {
      throw new AppError(
        "CONFLICT",
        "Your organization requires two-factor sign-in and this is your only second factor. Add a passkey first, or move the app to a new phone with a recovery code.",
      );
    }
    const { count } = await tx.authenticatorApp.deleteMany({ where: { userId: actor.userId } });
    if (count === 0) return { otherSessionsEnded: 0 };
    if (factors <= 1) await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    const otherSessionsEnded = await endOtherSessions(tx, { actor, now });
    await recordAuditEvent(tx, { actor, action: "auth.two_factor_disabled", details: { method: "authenticator_app", otherSessionsEnded } });
    return { otherSessionsEnded };
  });
}
