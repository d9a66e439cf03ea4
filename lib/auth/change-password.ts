import { lockCaller } from "@/lib/auth/lock-caller";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";
import { changePasswordInput } from "./change-password-input";
import { hashPassword } from "./password";
import { assertAcceptablePassword } from "./password-policy";
import { assertReauthenticated, checkOwnPassword } from "./reauthentication";

// Changes the caller's own password. The current one is asked (under the
// sign-in throttle), which is this action's re-authentication; every other
// session of the account ends, and unused set-password or reset links die.
export async function changePassword(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ otherSessionsEnded: number }> {
  const { actor } = options;
  const input = changePasswordInput.parse(options.input);
  const now = options.now ?? new Date();
  assertReauthenticated(actor, "password.change");
  const sessionId = actor.session?.id;
  if (!sessionId) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  const { passwordHash: oldHash } = await checkOwnPassword({ actor, password: input.currentPassword, field: "currentPassword", now });
  if (input.newPassword === input.currentPassword) {
    throw new AppError("INVALID_INPUT", "Some fields need attention.", { newPassword: ["Choose a password different from your current one."] });
  }
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true, name: true } });
  assertAcceptablePassword(input.newPassword, user, "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  return db().$transaction(async (tx) => {
    await lockCaller(tx, actor, null);
    // Only over the password just checked: two changes racing each other
    // cannot both win.
    const { count } = await tx.user.updateMany({ where: { id: actor.userId, passwordHash: oldHash }, data: { passwordHash, passwordChangedAt: now } });
    if (count === 0) throw new AppError("CONFLICT", "Your password was changed somewhere else just now. Reload the page and try again.");
    const ended = await tx.authSession.updateMany({ where: { userId: actor.userId, revokedAt: null, id: { not: sessionId } }, data: { revokedAt: now } });
    await tx.authSession.updateMany({ where: { id: sessionId, userId: actor.userId }, data: { reauthenticatedAt: now } });
    await tx.passwordToken.deleteMany({ where: { userId: actor.userId, usedAt: null } });
    await recordAuditEvent(tx, { actor, action: "auth.password_changed", details: { otherSessionsEnded: ended.count } });
    return { otherSessionsEnded: ended.count };
  });
}
