import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export const OWNER_NOT_A_MEMBER = "Choose a current member of your organization as the owner.";

export function ownerNotAMemberError(field = "ownerId"): AppError {
  return new AppError("INVALID_INPUT", OWNER_NOT_A_MEMBER, { [field]: [OWNER_NOT_A_MEMBER] });
}

// Whether the user is a member of the organization, and if so their
// membership locked (FOR SHARE) until the transaction ends. A removal locks
// every membership FOR UPDATE before it hands the member's keys on, so it
// waits for a transaction that is giving them a key and then sees that key:
// no key slips past it to an owner who is gone. Callers take this lock
// before any key row lock, the order the removal takes them in.
export async function lockOwnerMembership(tx: Tx, organizationId: string, userId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Membership" WHERE "organizationId" = ${organizationId} AND "userId" = ${userId} FOR SHARE`;
  return rows.length > 0;
}

// How an owner reads in audit details and notifications: the same form as an actor's label.
export function ownerLabel(user: { name: string; email: string } | null | undefined): string | null {
  return user ? `${user.name} <${user.email}>` : null;
}

// Who owns a successor (rotation, incident replacement): its predecessor's
// owner while they are a member, else whoever makes the successor. Locked
// like any owner (lockOwnerMembership).
export async function lockSuccessorOwner(tx: Tx, actor: { organizationId: string; userId: string }, predecessorOwnerId: string | null): Promise<string> {
  if (predecessorOwnerId && (await lockOwnerMembership(tx, actor.organizationId, predecessorOwnerId))) return predecessorOwnerId;
  return actor.userId;
}
