import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { exactUtc } from "@/lib/format/relative-time";
import { notifyMembers } from "@/lib/notifications/notify-members";
import { keyForEvent } from "@/lib/webhooks/webhook-events";
import { enqueueWebhook } from "@/lib/webhooks/webhook-endpoint";
import { createKeyInTransaction } from "./create-key";
import { lockSuccessorOwner } from "./key-owner";
import { oldKeyExpiry, rotateKeyInput, sameSettingsAs } from "./key-rotation";
import type { KeySummary } from "./key-summary";
import { KEY_NOT_FOUND_MESSAGE } from "./rename-key";

// Replaces a key with a new secret of the same name and settings; the old
// one keeps working until the grace period ends. The row lock makes a double
// submit wait and then find the key already rotated: one successor only.
export async function rotateKey(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ key: KeySummary; secret: string; oldKeyExpiresAt: Date }> {
  assertCan(options.actor, "keys.rotate");
  const { keyId, grace } = rotateKeyInput.parse(options.input);
  const now = options.now ?? new Date();
  const organizationId = options.actor.organizationId;
  return db().$transaction(async (tx) => {
    // The successor's owner is locked before the key, the order a member's
    // removal takes its locks in (lockOwnerMembership).
    const before = await tx.secretKey.findFirst({ where: { id: keyId, organizationId }, select: { ownerId: true } });
    if (!before) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
    const ownerId = await lockSuccessorOwner(tx, options.actor, before.ownerId);
    await tx.$executeRaw`SELECT 1 FROM "SecretKey" WHERE "id" = ${keyId} AND "organizationId" = ${organizationId} FOR UPDATE`;
    const old = await tx.secretKey.findFirst({ where: { id: keyId, organizationId } });
    if (!old || old.deletedAt) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
    if (old.rotatedToId) throw new AppError("CONFLICT", `“${old.name}” was already rotated. Rotate its newer key instead.`);
    if (old.ownerId !== before.ownerId) throw new AppError("CONFLICT", `The owner of “${old.name}” changed just now. Check it and rotate again.`);

    const oldKeyExpiresAt = oldKeyExpiry(now, grace, old.expiresAt);
    // The old key gives up its name (names are unique among live keys) and
    // gets its end date; the verification API sees the change within a second.
    await tx.secretKey.update({ where: { id: old.id, organizationId }, data: { liveName: null, expiresAt: oldKeyExpiresAt, rotatedAt: now } });
    const input = { ...sameSettingsAs(old, old.name), ownerId };
    const created = await createKeyInTransaction(tx, { actor: options.actor, input, now, notify: false, inheritsScopes: true });
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
  });
}
