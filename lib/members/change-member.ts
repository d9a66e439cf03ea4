import { assertCan, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { approversBeforeChange, approversFellBelowTwo } from "@/lib/key-requests/approvers";
import { ownerLabel } from "@/lib/keys/key-owner";
import { assertNotBreakGlass } from "@/lib/sso/break-glass";
import { handOverLiveKeys, recordKeysHandedOver } from "./hand-over-keys";
import { mayHold, RESPONSIBILITIES } from "@/lib/responsibilities/responsibilities";
import { changeMemberRoleInput, removeMemberInput } from "./member-change-input";

const LAST_OWNER = "An organization needs at least one owner. Make someone else an owner first.";
const HEIR_NOT_A_MEMBER = "Choose another current member of your organization to take their keys.";
const LAST_APPROVERS =
  "Approvals for production keys are required, so at least two people must be able to approve. Make someone else an owner or name another approver first, or turn approvals off.";

// Locks the organization's row, then every membership of it, so two owners
// demoting each other at the same moment cannot leave it with none, and a
// change racing the approvals switch, the approvers or a decision (which
// take the same row first too) waits for it. Never in a mode that holds
// back KEY SHARE: every audit event takes the organization's audit lock and
// then KEY SHARE on this row for its foreign key, so a transaction holding
// the row FOR UPDATE while waiting for the audit lock would deadlock with
// it. Under the lock, the caller must still hold a role that manages
// members (it may have just lost it).
async function lockMemberships(tx: Prisma.TransactionClient, actor: Actor, membershipId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Organization" WHERE "id" = ${actor.organizationId} FOR NO KEY UPDATE`;
  const rows = await tx.$queryRaw<{ id: string; role: Role; userId: string }[]>`
    SELECT "id", "role", "userId" FROM "Membership" WHERE "organizationId" = ${actor.organizationId} ORDER BY "id" FOR UPDATE`;
  const own = rows.find((row) => row.userId === actor.userId);
  if (!own || !can(own.role, "members.manage")) throw new AppError("FORBIDDEN", "Your role no longer allows managing members.");
  const target = rows.find((row) => row.id === membershipId);
  if (!target) throw new AppError("NOT_FOUND", "This person is not a member of your organization.");
  const owners = rows.filter((row) => row.role === "OWNER").length;
  const user = await tx.user.findUniqueOrThrow({ where: { id: target.userId }, select: { email: true, name: true } });
  return { target, owners, user, rows };
}

// Gives a member another role (owners only); takes effect on their next
// request, since the role is read from the database every time.
export async function changeMemberRole(options: { actor: Actor; input: unknown }): Promise<{ changed: boolean }> {
  assertCan(options.actor, "members.manage");
  const { membershipId, role } = changeMemberRoleInput.parse(options.input);
  assertReauthenticated(options.actor, "member.role_change");
  return db().$transaction(async (tx) => {
    const { target, owners, user } = await lockMemberships(tx, options.actor, membershipId);
    if (target.role === role) return { changed: false };
    const approversBefore = await approversBeforeChange(tx, options.actor.organizationId);
    if (target.role === "OWNER" && owners === 1) throw new AppError("CONFLICT", LAST_OWNER);
    if (role !== "OWNER") await assertNotBreakGlass(tx, target.id);
    await tx.membership.update({ where: { id: target.id, organizationId: options.actor.organizationId }, data: { role } });
    // Responsibilities the new role may not hold end now, for good: a later
    // promotion does not bring them back without an owner naming them again.
    const dropped = RESPONSIBILITIES.filter((responsibility) => !mayHold(responsibility, role));
    const { count } = await tx.namedResponsibility.deleteMany({ where: { membershipId: target.id, responsibility: { in: dropped } } });
    if (await approversFellBelowTwo(tx, options.actor.organizationId, approversBefore)) throw new AppError("CONFLICT", LAST_APPROVERS);
    // Their open requests the new role could not make end now, rather than
    // waiting for approvers and then failing at the reveal.
    const lapsedKinds = (["CREATE", "ROTATE"] as const).filter((kind) => !can(role, kind === "CREATE" ? "keys.create" : "keys.rotate"));
    const { count: requestsWithdrawn } = await tx.keyRequest.updateMany({
      where: {
        organizationId: options.actor.organizationId,
        requestedById: target.userId,
        status: { in: ["PENDING", "APPROVED"] },
        kind: { in: [...lapsedKinds] },
      },
      data: { status: "WITHDRAWN", withdrawnAt: new Date(), liveName: null },
    });
    await recordAuditEvent(tx, {
      actor: options.actor,
      action: "member.role_changed",
      details: {
        email: user.email,
        from: target.role,
        to: role,
        ...(count > 0 ? { responsibilitiesEnded: count } : {}),
        ...(requestsWithdrawn > 0 ? { requestsWithdrawn } : {}),
      },
    });
    return { changed: true };
  });
}

// Removes a member (owners only): their membership goes, their sessions are
// revoked at once, and their live keys go to another member (the remover
// unless they chose someone), all in one transaction; the account stays so
// history keeps their name, and they can be added again.
export async function removeMember(options: { actor: Actor; input: unknown }): Promise<{ keysHandedOver: number }> {
  assertCan(options.actor, "members.manage");
  const { membershipId, newKeyOwnerId } = removeMemberInput.parse(options.input);
  assertReauthenticated(options.actor, "member.remove");
  const { actor } = options;
  return db().$transaction(async (tx) => {
    const { target, owners, user, rows } = await lockMemberships(tx, actor, membershipId);
    if (target.userId === actor.userId) throw new AppError("CONFLICT", "You cannot remove yourself. Ask another owner.");
    if (target.role === "OWNER" && owners === 1) throw new AppError("CONFLICT", LAST_OWNER);
    await assertNotBreakGlass(tx, target.id);
    // Checked against the memberships locked above: a user id from another
    // organization, or one who is leaving, is refused before anything changes.
    const heirId = newKeyOwnerId ?? actor.userId;
    if (heirId === target.userId || !rows.some((row) => row.userId === heirId)) {
      throw new AppError("INVALID_INPUT", HEIR_NOT_A_MEMBER, { newKeyOwnerId: [HEIR_NOT_A_MEMBER] });
    }
    const heir = await tx.user.findUniqueOrThrow({ where: { id: heirId }, select: { id: true, email: true, name: true } });
    const approversBefore = await approversBeforeChange(tx, actor.organizationId);
    const leaving = { id: target.userId, ...user };
    // Every change first, the audit events last (recordKeysHandedOver says why).
    const keys = await handOverLiveKeys(tx, { actor, from: leaving, to: heir });
    await tx.membership.delete({ where: { id: target.id, organizationId: actor.organizationId } });
    if (await approversFellBelowTwo(tx, actor.organizationId, approversBefore)) throw new AppError("CONFLICT", LAST_APPROVERS);
    await tx.authSession.updateMany({ where: { userId: target.userId, revokedAt: null }, data: { revokedAt: new Date() } });
    // Their open key requests go with them: no one reveals a key for a person
    // who left; keys requested for them go to whoever takes their keys.
    await tx.keyRequest.updateMany({
      where: { organizationId: actor.organizationId, ownerId: target.userId, status: { in: ["PENDING", "APPROVED"] } },
      data: { ownerId: heir.id },
    });
    await tx.keyRequest.updateMany({
      where: { organizationId: actor.organizationId, requestedById: target.userId, status: { in: ["PENDING", "APPROVED"] } },
      data: { status: "WITHDRAWN", withdrawnAt: new Date(), liveName: null },
    });
    await tx.notification.deleteMany({ where: { userId: target.userId, organizationId: actor.organizationId } });
    if (keys.length > 0 && heir.id !== actor.userId) {
      await tx.notification.create({
        data: {
          organizationId: actor.organizationId,
          userId: heir.id,
          title: keys.length === 1 ? `You now own a key of ${user.name}` : `You now own ${keys.length} keys of ${user.name}`,
          body: `${actor.label} removed ${user.name} from the organization and made you the owner of their live keys.`,
          link: "/settings/secret-keys?owner=me",
        },
      });
    }
    await recordKeysHandedOver(tx, { actor, from: leaving, to: heir, keys });
    await recordAuditEvent(tx, {
      actor,
      action: "member.removed",
      details: { email: user.email, name: user.name, role: target.role, keysHandedOver: keys.length, keysTo: ownerLabel(heir) },
    });
    return { keysHandedOver: keys.length };
  });
}
