import { assertCan, type Actor } from "@/lib/auth/actor";
import { lockCaller } from "@/lib/auth/lock-caller";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { passwordLinkForMemberInput } from "./add-member-input";
import { deliverSetPasswordLink, type PasswordLinkDelivery } from "./set-password-link";

// A fresh set-password link for a member who has not chosen a password yet
// (owners only); their previous link stops working.
export async function issuePasswordLink(options: { actor: Actor; input: unknown; now?: Date }): Promise<PasswordLinkDelivery> {
  assertCan(options.actor, "members.manage");
  const { membershipId } = passwordLinkForMemberInput.parse(options.input);
  const { actor } = options;
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    await lockCaller(tx, actor, "members.manage");
    const membership = await tx.membership.findFirst({
      where: { id: membershipId, organizationId: actor.organizationId },
      select: { organization: { select: { name: true } }, user: { select: { id: true, email: true, name: true } } },
    });
    if (!membership) throw new AppError("NOT_FOUND", "This person is not a member of your organization.");
    // Locked, so a password being chosen right now is seen.
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${membership.user.id} FOR UPDATE`;
    const current = await tx.user.findUniqueOrThrow({ where: { id: membership.user.id }, select: { passwordHash: true } });
    if (current.passwordHash !== null) throw new AppError("CONFLICT", `${membership.user.name} has already chosen a password.`);
    const user = membership.user;
    const delivery = await deliverSetPasswordLink(tx, { actor, user, organizationName: membership.organization.name, now });
    await recordAuditEvent(tx, {
      actor,
      action: "member.password_link_issued",
      details: { email: user.email, passwordLink: delivery.via === "email" ? "emailed" : "shown to the owner" },
    });
    return delivery;
  });
}
