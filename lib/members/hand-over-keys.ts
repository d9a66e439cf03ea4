import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ownerLabel } from "@/lib/keys/key-owner";

type Tx = Prisma.TransactionClient;
type Person = { id: string; name: string; email: string };

// Gives every live key one member owns in the actor's organization to
// another, in the caller's transaction, with an audit event per key. The
// caller holds the organization's memberships locked (FOR UPDATE): a key
// being created for the leaving member waits for that lock or was committed
// before it (lockOwnerMembership), so this one statement sees all of them.
export async function handOverLiveKeys(tx: Tx, options: { actor: Actor; from: Person; to: Person }): Promise<{ keyIds: string[] }> {
  const { actor, from, to } = options;
  // Every change first, in one statement, and then the audit events: the
  // events take the organization's chain lock, which must not be held while
  // waiting for a key row.
  const keys = await tx.$queryRaw<{ id: string; displayPrefix: string; name: string }[]>`
    UPDATE "SecretKey" SET "ownerId" = ${to.id}
    WHERE "organizationId" = ${actor.organizationId} AND "ownerId" = ${from.id} AND "deletedAt" IS NULL
    RETURNING "id", "displayPrefix", "name"`;
  for (const key of keys) {
    await recordAuditEvent(tx, {
      actor,
      action: "key.owner_changed",
      key,
      details: { from: ownerLabel(from), to: ownerLabel(to), fromUserId: from.id, toUserId: to.id, reason: "member_removed" },
    });
  }
  return { keyIds: keys.map((key) => key.id) };
}
