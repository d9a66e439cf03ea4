import type { Actor } from "@/lib/auth/actor";
import { lockCaller } from "@/lib/auth/lock-caller";
import type { Operation } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export const OWNER_NOT_A_MEMBER = "Choose a current member of your organization as the owner.";

export function ownerNotAMemberError(field = "ownerId"): AppError {
  return new AppError("INVALID_INPUT", OWNER_NOT_A_MEMBER, { [field]: [OWNER_NOT_A_MEMBER] });
}

// How an owner reads in audit details and notifications: the same form as an actor's label.
export function ownerLabel(user: { name: string; email: string } | null | undefined): string | null {
  return user ? `${user.name} <${user.email}>` : null;
}

// Whether the key's owner is a member of the actor's organization, with the
// caller checked and both memberships locked (lockCaller). A removal locks
// every membership FOR UPDATE before it hands the member's keys on, so it
// waits for a transaction that is giving them a key and then sees that key:
// no key slips past it to an owner who is gone. Before any key row lock,
// the order the removal takes them in.
export async function lockOwnerAndCaller(tx: Tx, actor: Actor, operation: Operation, ownerId: string): Promise<boolean> {
  return (await lockCaller(tx, actor, operation, [ownerId])).members.has(ownerId);
}

// Who owns a successor (rotation, incident replacement): its predecessor's
// owner while they are a member, else whoever makes the successor. Locked
// like any owner (lockOwnerAndCaller).
export async function lockSuccessorOwner(tx: Tx, actor: Actor, operation: Operation, predecessorOwnerId: string | null): Promise<string> {
  if (predecessorOwnerId && (await lockOwnerAndCaller(tx, actor, operation, predecessorOwnerId))) return predecessorOwnerId;
  if (!predecessorOwnerId) await lockCaller(tx, actor, operation);
  return actor.userId;
}
