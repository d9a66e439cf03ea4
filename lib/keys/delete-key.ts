import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { notifyMembers } from "@/lib/notifications/notify-members";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { deleteKeyInput } from "./key-input";
import { KEY_NOT_FOUND_MESSAGE } from "./rename-key";

type Tx = Prisma.TransactionClient;

// The deletion in the caller's transaction; null when the key is not a live
// key of the actor's organization.
export async function deleteKeyInTransaction(
  tx: Tx,
  options: { actor: Actor; keyId: string; now: Date },
): Promise<{ name: string; deletedAt: Date } | null> {
  const organizationId = options.actor.organizationId;
  const { count } = await tx.secretKey.updateMany({
    where: { id: options.keyId, organizationId, deletedAt: null },
    data: { deletedAt: options.now, deletedById: options.actor.userId, liveName: null },
  });
  if (count === 0) return null;
  const key = await tx.secretKey.findFirstOrThrow({
    where: { id: options.keyId, organizationId },
    select: { id: true, name: true, displayPrefix: true, lastUsedAt: true },
  });
  await recordAuditEvent(tx, {
    actor: options.actor,
    action: "key.deleted",
    key,
    details: { name: key.name, lastUsedAt: key.lastUsedAt?.toISOString() ?? null },
  });
  await notifyMembers(tx, {
    organizationId,
    title: `Key “${key.name}” deleted`,
    body: `${options.actor.label} deleted it; apps using it are refused from now on.`,
    link: `/settings/secret-keys/${key.id}`,
  });
  return { name: key.name, deletedAt: options.now };
}

// Deletes (revokes) a key at once. The row stays, without its live name, for
// history; a deleted key never authenticates again.
export async function deleteKey(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ name: string }> {
  assertCan(options.actor, "keys.delete");
  const { keyId } = deleteKeyInput.parse(options.input);
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    const deleted = await deleteKeyInTransaction(tx, { actor: options.actor, keyId, now });
    if (!deleted) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
    return { name: deleted.name };
  });
}
