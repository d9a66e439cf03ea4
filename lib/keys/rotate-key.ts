import { assertCan, type Actor } from "@/lib/auth/actor";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { exactUtc } from "@/lib/format/relative-time";
import { notifyMembers } from "@/lib/notifications/notify-members";
import { keyForEvent } from "@/lib/webhooks/webhook-events";
import { enqueueWebhook } from "@/lib/webhooks/webhook-endpoint";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertNoApprovalNeeded, createKeyInTransaction, type ApprovalRecord } from "./create-key";
import { lockSuccessorOwner } from "./key-owner";
import { oldKeyExpiry, rotateKeyInput, sameSettingsAs, type RotationGrace } from "./key-rotation";
import type { KeySummary } from "./key-summary";
import { KEY_NOT_FOUND_MESSAGE } from "./rename-key";

type Rotated = { key: KeySummary; secret: string; oldKeyExpiresAt: Date };

// Replaces a key with a new secret of the same name and settings; the old
// one keeps working until the grace period ends. The row lock makes a double
// submit wait and then find the key already rotated: one successor only.
export async function rotateKey(options: { actor: Actor; input: unknown; now?: Date }): Promise<Rotated> {
  assertCan(options.actor, "keys.rotate");
  const input = rotateKeyInput.parse(options.input);
  const now = options.now ?? new Date();
  return db().$transaction((tx) => rotateKeyInTransaction(tx, { actor: options.actor, ...input, now, checkApproval: true }));
}

// The rotation itself, in the caller's transaction (an approved request's
// reveal rotates in the same transaction that marks the request issued).
export async function rotateKeyInTransaction(
  tx: Prisma.TransactionClient,
  options: { actor: Actor; keyId: string; grace: RotationGrace; now: Date; checkApproval?: boolean; approvedBy?: ApprovalRecord },
): Promise<Rotated> {
  const { keyId, grace, now } = options;
  const organizationId = options.actor.organizationId;
  // The caller and the successor's owner are locked before the key, the
  // order a member's removal takes its locks in (lockOwnerAndCaller).
  const before = await tx.secretKey.findFirst({ where: { id: keyId, organizationId }, select: { ownerId: true } });
  if (!before) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
  const ownerId = await lockSuccessorOwner(tx, options.actor, "keys.rotate", before.ownerId);
  await tx.$executeRaw`SELECT 1 FROM "SecretKey" WHERE "id" = ${keyId} AND "organizationId" = ${organizationId} FOR UPDATE`;
  const old = await tx.secretKey.findFirst({ where: { id: keyId, organizationId } });
  if (!old || old.deletedAt) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
  // Also for the reveal of an approved rotation: whoever holds the new
  // production secret proves it is them.
  assertReauthenticated(options.actor, "key.rotate", { environment: old.environment });
  if (old.rotatedToId) throw new AppError("CONFLICT", `“${old.name}” was already rotated. Rotate its newer key instead.`);
  if (old.ownerId !== before.ownerId) throw new AppError("CONFLICT", `The owner of “${old.name}” changed just now. Check it and rotate again.`);
  if (options.checkApproval) await assertNoApprovalNeeded(tx, organizationId, old.environment);

  const oldKeyExpiresAt = oldKeyExpiry(now, grace, old.expiresAt);
  // The old key gives up its name (names are unique among live keys) and
  // gets its end date; the verification API sees the change within a second.
  await tx.secretKey.update({ where: { id: old.id, organizationId }, data: { liveName: null, expiresAt: oldKeyExpiresAt, rotatedAt: now } });
  const input = { ...sameSettingsAs(old, old.name), ownerId };
  const created = await createKeyInTransaction(tx, {
    actor: options.actor,
    input,
    now,
    notify: false,
    inheritsScopes: true,
    approvedBy: options.approvedBy,
    operation: "keys.rotate",
  });
  await tx.secretKey.update({ where: { id: old.id, organizationId }, data: { rotatedToId: created.key.id } });
  await recordAuditEvent(tx, {
    actor: options.actor,
    action: "key.rotated",
    key: old,
    details: {
      name: old.name,
      replacementKeyId: created.key.id,
      replacementPrefix: created.key.displayPrefix,
      grace,
      oldKeyExpiresAt: oldKeyExpiresAt.toISOString(),
      ...(options.approvedBy ? { requestId: options.approvedBy.requestId, approvedBy: options.approvedBy.approverLabel } : {}),
    },
  });
  await enqueueWebhook(tx, {
    organizationId,
    event: "key.rotated",
    data: { key: keyForEvent(old), replacement: keyForEvent(created.key), oldKeyExpiresAt: oldKeyExpiresAt.toISOString(), by: options.actor.label },
  });
  await notifyMembers(tx, {
    organizationId,
    title: `Key “${old.name}” rotated`,
    body: `${options.actor.label} issued a new secret. The old one (${old.displayPrefix}…) stops working ${exactUtc(oldKeyExpiresAt)}; update the apps that use it.`,
    link: `/settings/secret-keys/${created.key.id}`,
  });
  return { ...created, oldKeyExpiresAt };
}
