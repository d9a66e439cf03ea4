import { assertCan, type Actor } from "@/lib/auth/actor";
import { lockCaller } from "@/lib/auth/lock-caller";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addMemberInput } from "./add-member-input";
import { deliverSetPasswordLink, type PasswordLinkDelivery } from "./set-password-link";

// An account without a membership that this organization's own audit log
// shows it removed. Only that organization may take it back: the account's
// name and history are part of its records, and any other organization
// could otherwise take it over.
async function formerMemberOf(tx: Prisma.TransactionClient, organizationId: string, email: string) {
  const removedHere = await tx.auditEvent.findFirst({
    where: { organizationId, action: "member.removed", details: { path: ["email"], equals: email } },
    select: { id: true },
  });
  if (!removedHere) return null;
  return tx.user.findFirst({ where: { email, memberships: { none: {} } }, select: { id: true } });
}

// A taken-back account starts with no session (one that slipped in while the
// removal ran must not come back to life with the new membership) and no
// second factor: a passkey or an authenticator app someone enrolled while it
// was compromised would otherwise sign them straight back in. Its owner sets
// a password again through the link, then adds new ones.
async function startAfresh(tx: Prisma.TransactionClient, userId: string, now: Date): Promise<void> {
  await tx.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  await tx.passkey.deleteMany({ where: { userId } });
  await tx.authenticatorApp.deleteMany({ where: { userId } });
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.user.update({ where: { id: userId }, data: { secondFactorFailures: 0, secondFactorFailedAt: null } });
}

// Adds a person to the caller's organization without a password: they
// choose one through a one-time set-password link, emailed to them when the
// server sends email, else returned here once for the owner to pass on. A
// member this organization removed (no membership left) is taken back with
// the new name, and their old password no longer works: they too choose a
// new one through the link.
export async function addMember(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ userId: string } & PasswordLinkDelivery> {
  assertCan(options.actor, "members.manage");
  const input = addMemberInput.parse(options.input);
  // A new owner can do everything the caller can, so it is asked like a role change.
  assertReauthenticated(options.actor, "member.add_owner", { role: input.role });
  const now = options.now ?? new Date();
  try {
    return await db().$transaction(async (tx) => {
      await lockCaller(tx, options.actor, "members.manage");
      const membership = { create: { organizationId: options.actor.organizationId, role: input.role } };
      const formerMember = await formerMemberOf(tx, options.actor.organizationId, input.email);
      const user = formerMember
        ? await tx.user.update({ where: { id: formerMember.id }, data: { name: input.name, passwordHash: null, memberships: membership } })
        : await tx.user.create({ data: { email: input.email, name: input.name, passwordHash: null, memberships: membership } });
      if (formerMember) await startAfresh(tx, user.id, now);
      const organization = await tx.organization.findUniqueOrThrow({ where: { id: options.actor.organizationId }, select: { name: true } });
      const delivery = await deliverSetPasswordLink(tx, { actor: options.actor, user, organizationName: organization.name, now });
      await recordAuditEvent(tx, {
        actor: options.actor,
        action: "member.added",
        details: { email: input.email, role: input.role, passwordLink: delivery.via === "email" ? "emailed" : "shown to the owner" },
      });
      return { userId: user.id, ...delivery };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "Someone with this email already has an account.", { email: ["This email already has an account."] });
    }
    throw error;
  }
}
