import { assertCan, type Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addMemberInput } from "./add-member-input";

// An account without a membership that this organization's own audit log
// shows it removed. Only that organization may take it back: the account's
// name and history are part of its records, and any other organization
// could otherwise set a new password on it.
async function formerMemberOf(tx: Prisma.TransactionClient, organizationId: string, email: string) {
  const removedHere = await tx.auditEvent.findFirst({
    where: { organizationId, action: "member.removed", details: { path: ["email"], equals: email } },
    select: { id: true },
  });
  if (!removedHere) return null;
  return tx.user.findFirst({ where: { email, memberships: { none: {} } }, select: { id: true } });
}

// Adds a person to the caller's organization with a first password that the
// owner hands over out of band. A member this organization removed (no
// membership left) is taken back with the new name and password.
export async function addMember(options: { actor: Actor; input: unknown }): Promise<{ userId: string }> {
  assertCan(options.actor, "members.manage");
  const input = addMemberInput.parse(options.input);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const membership = { create: { organizationId: options.actor.organizationId, role: input.role } };
      const formerMember = await formerMemberOf(tx, options.actor.organizationId, input.email);
      const user = formerMember
        ? await tx.user.update({ where: { id: formerMember.id }, data: { name: input.name, passwordHash, memberships: membership } })
        : await tx.user.create({ data: { email: input.email, name: input.name, passwordHash, memberships: membership } });
      // A taken-back account starts with no session: one that slipped in while
      // the removal ran must not come back to life with the new membership.
      if (formerMember) await tx.authSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
      await recordAuditEvent(tx, { actor: options.actor, action: "member.added", details: { email: input.email, role: input.role } });
      return { userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "Someone with this email already has an account.", { email: ["This email already has an account."] });
    }
    throw error;
  }
}
