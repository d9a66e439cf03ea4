import { assertCan, type Actor } from "@/lib/auth/actor";
import { lockCaller } from "@/lib/auth/lock-caller";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { notifyOwnerAndMembers } from "@/lib/notifications/notify-members";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { keyId as keyIdSchema } from "@/lib/keys/key-input";
import { KEY_NOT_FOUND_MESSAGE } from "@/lib/keys/rename-key";
import { keyForEvent } from "@/lib/webhooks/webhook-events";
import { enqueueWebhook } from "@/lib/webhooks/webhook-endpoint";

export const KEY_NOT_LIVE_MESSAGE = "This key no longer works (deleted or expired), so there is nothing to revoke or replace.";

// Starts the compromise response for a key, or returns the incident already
// open for it (a double click or a second lead lands on the same one). Only a
// key that works at this moment opens one: the wizard's replacement step
// creates a key, and security leads, who may run the wizard, must never be
// able to mint keys with it (an incident on an already deleted key, or a
// second one on a key an incident revoked, would let them).
export async function openIncident(options: { actor: Actor; keyId: unknown }): Promise<{ incidentId: string }> {
  assertCan(options.actor, "incidents.run");
  const keyId = keyIdSchema.parse(options.keyId);
  const organizationId = options.actor.organizationId;
  const existing = () => db().incident.findUnique({ where: { openKeyId: keyId, organizationId }, select: { id: true } });
  const open = await existing();
  if (open) return { incidentId: open.id };
  assertReauthenticated(options.actor, "incident.open");
  try {
    return await db().$transaction(async (tx) => {
      await lockCaller(tx, options.actor, "incidents.run");
      // Locked, so a deletion cannot slip in between this check and the incident.
      const [key] = await tx.$queryRaw<
        { id: string; name: string; displayPrefix: string; deletedAt: Date | null; expiresAt: Date | null; ownerId: string | null }[]
      >`
        SELECT "id", "name", "displayPrefix", "deletedAt", "expiresAt", "ownerId" FROM "SecretKey"
        WHERE "id" = ${keyId} AND "organizationId" = ${organizationId} FOR UPDATE`;
      if (!key) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
      if (key.deletedAt || (key.expiresAt && key.expiresAt <= new Date())) throw new AppError("CONFLICT", KEY_NOT_LIVE_MESSAGE);
      const incident = await tx.incident.create({
        data: { organizationId, keyId: key.id, openKeyId: key.id, keyName: key.name, keyPrefix: key.displayPrefix, openedById: options.actor.userId },
      });
      await recordAuditEvent(tx, { actor: options.actor, action: "incident.opened", key, details: { incidentId: incident.id } });
      await enqueueWebhook(tx, {
        organizationId,
        incidentId: incident.id,
        event: "incident.opened",
        data: { incidentId: incident.id, key: keyForEvent(key), by: options.actor.label },
      });
      const body = `${options.actor.label} started the compromise response.`;
      await notifyOwnerAndMembers(tx, {
        organizationId,
        link: `/settings/secret-keys/${key.id}/compromised`,
        ownerId: key.ownerId,
        everyone: { title: `Key “${key.name}” reported compromised`, body },
        owner: { title: `Your key “${key.name}” was reported compromised`, body: `${body} Apps that use it will need its replacement.` },
      });
      return { incidentId: incident.id };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await existing();
    if (!raced) throw error;
    return { incidentId: raced.id };
  }
}
