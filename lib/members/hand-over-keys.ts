import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ownerLabel } from "@/lib/keys/key-owner";

type Tx = Prisma.TransactionClient;
type Person = { id: string; name: string; email: string };
type HandedOverKey = { id: string; displayPrefix: string; name: string };

// Gives every live key one member owns in the actor's organization to
// another, in the caller's transaction and in one statement. The caller
// holds the organization's memberships locked (FOR UPDATE): a key being
// created for the leaving member waits for that lock or was committed before
// it (lockOwnerAndCaller), so this statement sees all of them.
export async function handOverLiveKeys(tx: Tx, options: { actor: Actor; from: Person; to: Person }): Promise<HandedOverKey[]> {
  const { actor, from, to } = options;
  // The rows are locked in id order first, as deleting several keys locks
  // them: an UPDATE alone locks in whatever order it finds them.
  return tx.$queryRaw<HandedOverKey[]>`
    UPDATE "SecretKey" SET "ownerId" = ${to.id}
    WHERE "id" IN (
      SELECT "id" FROM "SecretKey"
      WHERE "organizationId" = ${actor.organizationId} AND "ownerId" = ${from.id} AND "deletedAt" IS NULL
      ORDER BY "id" FOR UPDATE)
    AND "ownerId" = ${from.id} AND "deletedAt" IS NULL
    RETURNING "id", "displayPrefix", "name"`;
}

// One audit event per key handed over. Call it after the transaction's last
// change to any row: the events take the organization's audit chain lock,
// and a transaction that holds it while waiting for a row deadlocks with one
// that holds the row and waits for the chain (a member withdrawing their
// request or ending their sessions as they are removed).
export async function recordKeysHandedOver(tx: Tx, options: { actor: Actor; from: Person; to: Person; keys: HandedOverKey[] }) {
  const { actor, from, to } = options;
  for (const key of options.keys) {
    await recordAuditEvent(tx, {
      actor,
      action: "key.owner_changed",
      key,
      details: { from: ownerLabel(from), to: ownerLabel(to), fromUserId: from.id, toUserId: to.id, reason: "member_removed" },
    });
  }
}
