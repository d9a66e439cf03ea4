import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PasswordTokenPurpose } from "@/lib/generated/prisma/enums";
import { hashPassword } from "./password";
import { passwordLinkInput } from "./password-link-input";
import { assertAcceptablePassword } from "./password-policy";
import { claimPasswordToken, findUsablePasswordToken } from "./password-tokens";

export const LINK_NOT_VALID: Record<PasswordTokenPurpose, string> = {
  SET_PASSWORD: "This link has expired or was already used. Ask an owner of your organization for a new one.",
  RESET_PASSWORD: "This link has expired or was already used. Ask for a new one from the sign-in page.",
};

// What the link's page shows before the form: whose password it sets.
export async function describePasswordLink(token: unknown, purpose: PasswordTokenPurpose): Promise<{ email: string; name: string; expiresAt: Date } | null> {
  const usable = await findUsablePasswordToken(token, purpose);
  return usable && { email: usable.email, name: usable.name, expiresAt: usable.expiresAt };
}

// The same for the link's page: a link that does not work is an error
// whose message says what to do.
export async function describePasswordLinkOrRefuse(token: unknown, purpose: PasswordTokenPurpose): Promise<{ email: string; name: string }> {
  const link = await describePasswordLink(token, purpose);
  if (!link) throw new AppError("NOT_FOUND", LINK_NOT_VALID[purpose]);
  return { email: link.email, name: link.name };
}

// Sets the account's password with a one-time link of this purpose: a
// set-password link from an owner (first password) or an emailed reset
// link. The link works once (of two tabs submitting it together, exactly one
// wins), every session of the account ends, and any other unused link dies.
// Recorded in the audit log of the organization the link came from.
export async function setPasswordWithLink(options: {
  purpose: PasswordTokenPurpose;
  input: unknown;
  ipAddress: string | null;
  userAgent: string | null;
  now?: Date;
}): Promise<{ email: string }> {
  const { purpose } = options;
  const input = passwordLinkInput.parse(options.input);
  const now = options.now ?? new Date();
  // Cheap refusals before the costly hash: anyone can post here.
  const token = await findUsablePasswordToken(input.token, purpose, now);
  if (!token) throw new AppError("NOT_FOUND", LINK_NOT_VALID[purpose]);
  assertAcceptablePassword(input.password, token);
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    if (!(await claimPasswordToken(tx, token.id, now))) throw new AppError("NOT_FOUND", LINK_NOT_VALID[purpose]);
    const membership = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: token.userId, organizationId: token.organizationId } },
      select: { role: true },
    });
    if (!membership) throw new AppError("FORBIDDEN", "This account is no longer a member of the organization. Ask an owner to add you again.");
    await tx.user.update({ where: { id: token.userId }, data: { passwordHash, passwordChangedAt: now } });
    const ended = await tx.authSession.updateMany({ where: { userId: token.userId, revokedAt: null }, data: { revokedAt: now } });
    await tx.passwordToken.deleteMany({ where: { userId: token.userId, usedAt: null } });
    await recordAuditEvent(tx, {
      actor: {
        userId: token.userId,
        organizationId: token.organizationId,
        role: membership.role,
        label: `${token.name} <${token.email}>`,
        ipAddress: options.ipAddress,
        userAgent: options.userAgent?.slice(0, 500) ?? null,
      },
      action: purpose === "SET_PASSWORD" ? "auth.password_set" : "auth.password_reset",
      details: { sessionsEnded: ended.count },
    });
    return { email: token.email };
  });
}
