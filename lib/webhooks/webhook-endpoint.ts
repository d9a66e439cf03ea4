import { z } from "@/lib/validation/zod";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { lockOrganizationAndCaller } from "@/lib/auth/lock-caller";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { processDueWebhooks } from "./deliver-webhooks";
import { recordId } from "@/lib/validation/record-id";
import { isStorableText } from "@/lib/validation/stored-text";
import { webhookUrlProblem } from "./webhook-destination";
import { eventPayload, WEBHOOK_EVENTS, type WebhookEvent } from "./webhook-events";
import { newWebhookSecret } from "./webhook-signature";
import { webhookUrlForAudit } from "@/lib/audit/shown-details";

export const webhookUrlInput = z.object({
  url: z
    .string({ error: "Enter the URL to send events to." })
    .trim()
    .max(2000, "Use at most 2000 characters.")
    .refine(isStorableText, "Enter an http(s) URL.")
    .pipe(z.url({ protocol: /^https?$/, error: "Enter an http(s) URL." })),
});

// Sets the organization's webhook URL with a new Standard Webhooks signing
// secret, returned once (owners only); an endpoint saved before Standard
// Webhooks stops getting the old headers from then on. A URL naming a
// loopback, private or metadata address outright is refused here; names are
// checked when sending.
export async function setWebhookEndpoint(options: { actor: Actor; input: unknown }): Promise<{ secret: string }> {
  assertCan(options.actor, "settings.manage");
  const { url } = webhookUrlInput.parse(options.input);
  const problem = webhookUrlProblem(url);
  if (problem) throw new AppError("INVALID_INPUT", "Some fields need attention.", { url: [problem] });
  assertReauthenticated(options.actor, "webhook.set");
  const secret = newWebhookSecret();
  await db().$transaction(async (tx) => {
    await lockOrganizationAndCaller(tx, options.actor, "settings.manage");
    await tx.webhookEndpoint.upsert({
      where: { organizationId: options.actor.organizationId },
      create: { organizationId: options.actor.organizationId, url, secret },
      update: { url, secret, legacySignature: false },
    });
    await recordAuditEvent(tx, { actor: options.actor, action: "organization.webhook_set", details: { url: webhookUrlForAudit(url) } });
  });
  return { secret };
}

// Removes the organization's webhook (owners only); deliveries still queued
// are marked failed rather than sent anywhere.
export async function removeWebhookEndpoint(options: { actor: Actor }): Promise<void> {
  assertCan(options.actor, "settings.manage");
  const organizationId = options.actor.organizationId;
  await db().$transaction(async (tx) => {
    await lockOrganizationAndCaller(tx, options.actor, "settings.manage");
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { organizationId }, select: { url: true } });
    if (!endpoint) throw new AppError("NOT_FOUND", "No webhook is set.");
    assertReauthenticated(options.actor, "webhook.remove");
    await tx.webhookEndpoint.delete({ where: { organizationId } });
    await tx.webhookDelivery.updateMany({
      where: { organizationId, status: "pending" },
      data: { status: "failed", lastError: "webhook removed", nextAttemptAt: null },
    });
    await recordAuditEvent(tx, { actor: options.actor, action: "organization.webhook_removed", details: { url: webhookUrlForAudit(endpoint.url) } });
  });
}

export async function getWebhookEndpoint(organizationId: string) {
  return db().webhookEndpoint.findUnique({ where: { organizationId }, select: { url: true, events: true, legacySignature: true, createdAt: true } });
}

// Queues an event for the organization's endpoint, in the caller's
// transaction; false when no endpoint is set or it does not take this event.
export async function enqueueWebhook(
  tx: Prisma.TransactionClient,
  { organizationId, incidentId, event, data }: { organizationId: string; incidentId?: string; event: WebhookEvent; data: Prisma.InputJsonValue },
): Promise<boolean> {
  const endpoint = await tx.webhookEndpoint.findUnique({ where: { organizationId }, select: { events: true } });
  if (!endpoint?.events.includes(event)) return false;
  await tx.webhookDelivery.create({ data: { organizationId, incidentId, event, payload: eventPayload(event, data, new Date()) } });
  return true;
}

export const webhookEventsInput = z.object({
  events: z.array(z.enum(WEBHOOK_EVENTS, { error: "Not a known event." }), { error: "Choose the events to send." }).max(WEBHOOK_EVENTS.length),
});

// Chooses which events the webhook is sent (owners only); an empty list
// pauses it without losing the URL and secret.
export async function setWebhookEvents(options: { actor: Actor; input: unknown }): Promise<{ events: WebhookEvent[] }> {
  assertCan(options.actor, "settings.manage");
  const events = WEBHOOK_EVENTS.filter((event) => webhookEventsInput.parse(options.input).events.includes(event));
  assertReauthenticated(options.actor, "webhook.events");
  const organizationId = options.actor.organizationId;
  await db().$transaction(async (tx) => {
    await lockOrganizationAndCaller(tx, options.actor, "settings.manage");
    const { count } = await tx.webhookEndpoint.updateMany({ where: { organizationId }, data: { events } });
    if (count === 0) throw new AppError("NOT_FOUND", "Set a webhook URL first.");
    await recordAuditEvent(tx, { actor: options.actor, action: "organization.webhook_events_set", details: { events } });
  });
  return { events };
}

const deliveryId = recordId({ missing: "Missing delivery.", invalid: "Unknown delivery." });

// Sends a failed delivery again from the first attempt (owners only), e.g.
// once the endpoint is fixed.
export async function retryWebhookDelivery(options: { actor: Actor; input: unknown }): Promise<void> {
  assertCan(options.actor, "settings.manage");
  const id = z.object({ deliveryId }).parse(options.input).deliveryId;
  const organizationId = options.actor.organizationId;
  await db().$transaction(async (tx) => {
    await lockOrganizationAndCaller(tx, options.actor, "settings.manage");
    if (!(await tx.webhookEndpoint.findUnique({ where: { organizationId }, select: { id: true } }))) {
      throw new AppError("CONFLICT", "Set a webhook URL first.");
    }
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id, organizationId, status: "failed" },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null, lastStatusCode: null },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "No failed delivery with this id.");
    const delivery = await tx.webhookDelivery.findUniqueOrThrow({ where: { id }, select: { event: true } });
    await recordAuditEvent(tx, { actor: options.actor, action: "organization.webhook_retried", details: { deliveryId: id, event: delivery.event } });
  });
}

export async function listDeliveries(organizationId: string) {
  return db().webhookDelivery.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, event: true, status: true, attempts: true, lastStatusCode: true, lastError: true, createdAt: true, deliveredAt: true },
  });
}

// Sends a test event now and reports how the endpoint answered (owners only).
export async function sendTestWebhook(options: { actor: Actor }): Promise<{ status: string; statusCode: number | null; error: string | null }> {
  assertCan(options.actor, "settings.manage");
  const organizationId = options.actor.organizationId;
  const delivery = await db().$transaction(async (tx) => {
    await lockOrganizationAndCaller(tx, options.actor, "settings.manage");
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { organizationId }, select: { id: true } });
    if (!endpoint) throw new AppError("NOT_FOUND", "Set a webhook URL first.");
    return tx.webhookDelivery.create({
      data: { organizationId, event: "webhook.test", payload: eventPayload("webhook.test", { by: options.actor.label }, new Date()) },
    });
  });
  // Only this test event, now: the queue (any organization's) is the worker's.
  await processDueWebhooks(1, delivery.id);
  const result = await db().webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
  return { status: result.status, statusCode: result.lastStatusCode, error: result.lastError };
}
