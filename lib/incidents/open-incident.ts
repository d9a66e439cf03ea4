import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { notifyMembers } from "@/lib/notifications/notify-members";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { keyId as keyIdSchema } from "@/lib/keys/key-input";
import { KEY_NOT_FOUND_MESSAGE } from "@/lib/keys/rename-key";
import { keyForEvent } from "@/lib/webhooks/webhook-events";
import { enqueueWebhook } from "@/lib/webhooks/webhook-endpoint";

// Starts the compromise response for a key, or returns the incident already
// open for it (a double click or a second lead lands on the same one).
export async function openIncident(options: { actor: Actor; keyId: unknown }): Promise<{ incidentId: string }> {
  assertCan(options.actor, "incidents.run");
  const keyId = keyIdSchema.parse(options.keyId);
  const organizationId = options.actor.organizationId;
  const existing = () => db().incident.findUnique({ where: { openKeyId: keyId, organizationId }, select: { id: true } });
  const open = await existing();
  if (open) return { incidentId: open.id };
  try {
    return await db().$transaction(async (tx) => {
      const key = await tx.secretKey.findFirst({ where: { id: keyId, organizationId }, select: { id: true, name: true, displayPrefix: true } });
      if (!key) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
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
      await notifyMembers(tx, {
        organizationId,
        title: `Key “${key.name}” reported compromised`,
        body: `${options.actor.label} started the compromise response.`,
        link: `/settings/secret-keys/${key.id}/compromised`,
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
