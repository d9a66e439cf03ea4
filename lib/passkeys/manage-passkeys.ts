import { lockCaller } from "@/lib/auth/lock-caller";
import type { Actor } from "@/lib/auth/actor";
import { endOtherSessions } from "@/lib/auth/auth-sessions";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { countSecondFactors } from "@/lib/two-factor/recovery-code-store";
import { recordId } from "@/lib/validation/record-id";
import { z } from "@/lib/validation/zod";
import { passkeyName } from "./passkey-input";

const passkeyId = recordId({ missing: "Choose a passkey.", invalid: "That passkey is not one of yours." });
export const renamePasskeyInput = z.object({ passkeyId, name: passkeyName });
export const removePasskeyInput = z.object({ passkeyId });
const NOT_FOUND = "That passkey is not one of yours.";

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; backedUp: boolean };

export async function listPasskeys(userId: string): Promise<PasskeySummary[]> {
  return db().passkey.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true },
  });
}

// Renames one of the caller's passkeys (audited with both names).
export async function renamePasskey(options: { actor: Actor; input: unknown }): Promise<void> {
  const { actor } = options;
  const { passkeyId, name } = renamePasskeyInput.parse(options.input);
  await db().$transaction(async (tx) => {
    await lockCaller(tx, actor, null);
    const passkey = await tx.passkey.findFirst({ where: { id: passkeyId, userId: actor.userId }, select: { name: true } });
    if (!passkey) throw new AppError("NOT_FOUND", NOT_FOUND);
    await tx.passkey.update({ where: { id: passkeyId }, data: { name } });
    await recordAuditEvent(tx, { actor, action: "auth.passkey_renamed", details: { from: passkey.name, to: name } });
  });
}

// Removes one of the caller's passkeys, and signs out the account's other
// sessions (one may have been opened with it). While the organization
// requires two-factor sign-in, the last second factor stays. With no second
// factor left, the recovery codes go too.
export async function removePasskey(options: { actor: Actor; input: unknown }): Promise<{ otherSessionsEnded: number }> {
  const { actor } = options;
  const { passkeyId } = removePasskeyInput.parse(options.input);
  assertReauthenticated(actor, "two_factor.change");
  return db().$transaction(async (tx) => {
    await lockCaller(tx, actor, null);
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${actor.userId} FOR UPDATE`;
    const passkey = await tx.passkey.findFirst({ where: { id: passkeyId, userId: actor.userId }, select: { name: true } });
    if (!passkey) throw new AppError("NOT_FOUND", NOT_FOUND);
    const factors = await countSecondFactors(tx, actor.userId);
    const { requireTwoFactor } = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { requireTwoFactor: true } });
    if (requireTwoFactor && factors === 1) {
      throw new AppError(
        "CONFLICT",
        "Your organization requires two-factor sign-in and this is your only second factor. Add another passkey or an authenticator app first.",
      );
    }
    await tx.passkey.delete({ where: { id: passkeyId } });
    if (factors === 1) await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    const otherSessionsEnded = await endOtherSessions(tx, { actor });
    await recordAuditEvent(tx, { actor, action: "auth.passkey_removed", details: { name: passkey.name, otherSessionsEnded } });
    return { otherSessionsEnded };
  });
}
