import { assertCan, type Actor } from "@/lib/auth/actor";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { lockCaller } from "@/lib/auth/lock-caller";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { notifyMembers } from "@/lib/notifications/notify-members";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { deleteKeyInput, deleteKeysInput } from "./key-input";
import { keyForEvent } from "@/lib/webhooks/webhook-events";
import { enqueueWebhook } from "@/lib/webhooks/webhook-endpoint";
import { KEY_NOT_FOUND_MESSAGE } from "./rename-key";

type Tx = Prisma.TransactionClient;

type DeletedKey = { id: string; name: string; displayPrefix: string; environment: string; lastUsedAt: Date | null };

// Marks a live key of the actor's organization deleted, in the caller's
// transaction; null when there is none. A production or CI/CD key needs a
// recent re-authentication (refused before the transaction commits, so
// nothing changes), except in an incident's revoke step: opening the
// incident needed one, and the response must not stall on a password prompt.
async function markKeyDeleted(tx: Tx, options: { actor: Actor; keyId: string; now: Date; inIncident?: true }): Promise<DeletedKey | null> {
  const organizationId = options.actor.organizationId;
  const { count } = await tx.secretKey.updateMany({
    where: { id: options.keyId, organizationId, deletedAt: null },
    data: { deletedAt: options.now, deletedById: options.actor.userId, liveName: null },
  });
  if (count === 0) return null;
  const key = await tx.secretKey.findFirstOrThrow({
    where: { id: options.keyId, organizationId },
    select: { id: true, name: true, displayPrefix: true, environment: true, lastUsedAt: true },
  });
  if (!options.inIncident) assertReauthenticated(options.actor, "key.delete", { environment: key.environment });
  return key;
}

// The deletion's audit event and webhook. After the transaction's last
// wait for a row lock: the event takes the organization's audit chain
// lock, and waiting for a row while holding it deadlocks with whoever holds
// that row and waits for the chain.
async function announceKeyDeleted(tx: Tx, actor: Actor, key: DeletedKey) {
  await recordAuditEvent(tx, { actor, action: "key.deleted", key, details: { name: key.name, lastUsedAt: key.lastUsedAt?.toISOString() ?? null } });
  await enqueueWebhook(tx, { organizationId: actor.organizationId, event: "key.deleted", data: { key: keyForEvent(key), by: actor.label } });
}

// Deletes one key in the caller's transaction and tells its members; null
// when it is not a live key of the actor's organization.
export async function deleteKeyInTransaction(
  tx: Tx,
  options: { actor: Actor; keyId: string; now: Date; inIncident?: true },
): Promise<{ name: string; deletedAt: Date } | null> {
  const key = await markKeyDeleted(tx, options);
  if (!key) return null;
  await announceKeyDeleted(tx, options.actor, key);
  await notifyMembers(tx, {
    organizationId: options.actor.organizationId,
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
    await lockCaller(tx, options.actor, "keys.delete");
    const deleted = await deleteKeyInTransaction(tx, { actor: options.actor, keyId, now });
    if (!deleted) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
    return { name: deleted.name };
  });
}

// Deletes several keys at once (a stale-key audit), all or none: if any of
// them is gone already, nothing is deleted and the caller is told. One
// notification sums them up.
export async function deleteKeys(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ names: string[] }> {
  assertCan(options.actor, "keys.delete");
  const { keyIds } = deleteKeysInput.parse(options.input);
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    await lockCaller(tx, options.actor, "keys.delete");
    // Every key first, in one order whoever deletes them, then the events,
    // in the order asked.
    const deleted = new Map<string, DeletedKey>();
    for (const keyId of [...keyIds].sort()) {
      const key = await markKeyDeleted(tx, { actor: options.actor, keyId, now });
      if (!key) throw new AppError("NOT_FOUND", "Some of the selected keys no longer exist. Nothing was deleted; reload and try again.");
      deleted.set(keyId, key);
    }
    for (const keyId of keyIds) await announceKeyDeleted(tx, options.actor, deleted.get(keyId)!);
    const names = keyIds.map((keyId) => deleted.get(keyId)!.name);
    await notifyMembers(tx, {
      organizationId: options.actor.organizationId,
      title: `${names.length} keys deleted`,
      body: `${options.actor.label} deleted ${names.map((name) => `“${name}”`).join(", ")}; apps using them are refused from now on.`.slice(0, 2000),
      link: "/settings/secret-keys",
    });
    return { names };
  });
}
