import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey } from "@/lib/keys/delete-key";
import { rotateKey } from "@/lib/keys/rotate-key";
import { notifyStep, replaceStep, revokeStep } from "@/lib/incidents/incident-step-actions";
import { listIncidentDeliveries } from "@/lib/incidents/incident-deliveries";
import { openIncident } from "@/lib/incidents/open-incident";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { processDueWebhooks } from "./deliver-webhooks";
import { newWebhookSecret } from "./webhook-signature";
import { removeWebhookEndpoint, retryWebhookDelivery, sendTestWebhook, setWebhookEndpoint, setWebhookEvents } from "./webhook-endpoint";

// A local receiver that fails its first request, then accepts. Loopback is
// refused unless WEBHOOK_ALLOW_PRIVATE allows it (see the SSRF attack test).
let receiver: http.Server;
let url: string;
const received: { headers: Record<string, string>; body: string; answered: number }[] = [];
beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "true";
  receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const answered = received.length === 0 ? 503 : 200;
      received.push({ headers: request.headers as Record<string, string>, body, answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
const last = () => received[received.length - 1];

describe("incident webhooks", () => {
  it("are signed, retried after a failure, and recorded", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const { secret } = await setWebhookEndpoint({ actor: actors.OWNER, input: { url } });
    expect(secret).toMatch(/^whsec_/);
    const { key } = await createKey({ actor: actors.OWNER, input: { name: "Hooked", environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" } });
    const { incidentId } = await openIncident({ actor: actors.SECURITY, keyId: key.id });
    await revokeStep({ actor: actors.SECURITY, incidentId });
    await replaceStep({ actor: actors.SECURITY, incidentId, input: { skipReason: "test" } });
    await db().incidentStep.createMany({
      data: ["update_apps", "review"].map((step) => ({ incidentId, step, actorLabel: "test" })),
    });
    await notifyStep({ actor: actors.SECURITY, incidentId, input: { message: "Key leaked; rotate." } });

    // By default only incident events go out: no key.created, no key.deleted.
    const sent = received.length;
    for (let i = 0; i < 50; i++) {
      await processDueWebhooks();
      if ((await db().webhookDelivery.count({ where: { organizationId: organization.id, status: "pending" } })) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const deliveries = await listIncidentDeliveries(organization.id, incidentId);
    expect(deliveries).toMatchObject([
      { channel: "webhook", target: "incident.opened", status: "delivered", attempts: 2 },
      { channel: "webhook", target: "incident.team_notified", status: "delivered", attempts: 1 },
    ]);
    const mine = received.slice(sent);
    expect(mine.map((r) => r.answered)).toEqual([503, 200, 200]);
    // Every attempt verifies with the standardwebhooks library; the old headers are gone.
    const hook = new Webhook(secret);
    for (const request of mine) {
      expect(hook.verify(request.body, request.headers)).toEqual(JSON.parse(request.body));
      expect(request.headers).not.toHaveProperty("x-secret-keys-signature");
      expect(request.headers).not.toHaveProperty("x-secret-keys-timestamp");
    }
    // The failed one waits out its backoff while the next goes first.
    const bodies = mine.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.type)).toEqual(["incident.opened", "incident.team_notified", "incident.opened"]);
    expect(bodies.map((b) => b.event)).toEqual(["incident.opened", "incident.team_notified", "incident.opened"]);
    expect(bodies[2]).toMatchObject({ data: { incidentId, key: { id: key.id, name: "Hooked" } } });
    expect(bodies[1]).toMatchObject({ data: { incidentId, message: "Key leaked; rotate." } });
    expect(bodies[0]).toMatchObject({ timestamp: bodies[0].sentAt });

    // A retry is the same message: same webhook-id (the one stored on the row)
    // and body, with the timestamp of its own attempt.
    const [first, , retried] = mine;
    const stored = await db().webhookDelivery.findMany({ where: { organizationId: organization.id }, orderBy: { createdAt: "asc" } });
    expect(mine.map((r) => r.headers["webhook-id"])).toEqual([stored[0].messageId, stored[1].messageId, stored[0].messageId]);
    expect(stored[0].messageId).not.toBe(stored[1].messageId);
    expect(retried.body).toBe(first.body);
    expect(Number(retried.headers["webhook-timestamp"])).toBeGreaterThan(Number(first.headers["webhook-timestamp"]));

    // A tampered body, a wrong secret, a forged or replayed old timestamp are refused.
    expect(() => hook.verify(retried.body.replace("Hooked", "Hacked"), retried.headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(newWebhookSecret()).verify(retried.body, retried.headers)).toThrow(WebhookVerificationError);
    const forged = { ...retried.headers, "webhook-timestamp": String(Math.floor(Date.now() / 1000) - 3600) };
    expect(() => hook.verify(retried.body, forged)).toThrow(WebhookVerificationError);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 6 * 60_000);
      expect(() => hook.verify(retried.body, retried.headers)).toThrow(/too old/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keep the old signature headers for an endpoint saved before Standard Webhooks, until its URL is saved again", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    // As the old code made secrets; the migration marks such endpoints legacy.
    const oldSecret = `whsec_${randomBytes(24).toString("base64url")}`;
    await db().webhookEndpoint.create({ data: { organizationId: organization.id, url, secret: oldSecret, legacySignature: true } });
    expect(await sendTestWebhook({ actor: actors.OWNER })).toMatchObject({ status: "delivered" });
    const old = last();
    const timestamp = old.headers["x-secret-keys-timestamp"];
    expect(timestamp).toBe(old.headers["webhook-timestamp"]);
    expect(old.headers["x-secret-keys-signature"]).toBe(`sha256=${createHmac("sha256", oldSecret).update(`${timestamp}.${old.body}`).digest("hex")}`);
    // Its Standard Webhooks signature uses the same key, in the alphabet the library reads.
    const asBase64 = `whsec_${oldSecret.slice("whsec_".length).replaceAll("-", "+").replaceAll("_", "/")}`;
    expect(new Webhook(asBase64).verify(old.body, old.headers)).toMatchObject({ type: "webhook.test", event: "webhook.test" });

    const { secret } = await setWebhookEndpoint({ actor: actors.OWNER, input: { url } });
    expect(await sendTestWebhook({ actor: actors.OWNER })).toMatchObject({ status: "delivered" });
    expect(last().headers).not.toHaveProperty("x-secret-keys-signature");
    expect(new Webhook(secret).verify(last().body, last().headers)).toMatchObject({ type: "webhook.test" });
  });

  it("send key events only when chosen, never with a secret", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    await setWebhookEndpoint({ actor: actors.OWNER, input: { url } });
    await expect(setWebhookEvents({ actor: actors.ADMIN, input: { events: ["key.created"] } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setWebhookEvents({ actor: actors.OWNER, input: { events: ["key.exploded"] } })).rejects.toThrow();
    expect(await setWebhookEvents({ actor: actors.OWNER, input: { events: ["key.deleted", "key.created", "key.rotated"] } })).toEqual({
      events: ["key.created", "key.rotated", "key.deleted"],
    });
    const { key, secret } = await createKey({
      actor: actors.OWNER,
      input: { name: "Watched", environment: "STAGING", permission: "READ_ONLY", expiresInDays: "never" },
    });
    const rotated = await rotateKey({ actor: actors.OWNER, input: { keyId: key.id, grace: "now" } });
    await deleteKey({ actor: actors.OWNER, input: { keyId: rotated.key.id } });
    const queued = await db().webhookDelivery.findMany({ where: { organizationId: organization.id }, orderBy: { createdAt: "asc" } });
    expect(queued.map((d) => d.event)).toEqual(["key.created", "key.created", "key.rotated", "key.deleted"]);
    expect(queued[0].payload).toMatchObject({
      data: { key: { id: key.id, name: "Watched", prefix: key.displayPrefix, environment: "staging" }, permission: "read_only" },
    });
    expect(queued[2].payload).toMatchObject({ data: { key: { id: key.id }, replacement: { id: rotated.key.id } } });
    const payloads = JSON.stringify(queued.map((d) => d.payload));
    expect(payloads).not.toContain(secret);
    expect(payloads).not.toContain(rotated.secret);
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "organization.webhook_events_set" } })).toBe(1);

    // No events chosen: the webhook is paused, URL and secret kept.
    await setWebhookEvents({ actor: actors.OWNER, input: { events: [] } });
    await createKey({ actor: actors.OWNER, input: { name: "Unwatched", environment: "STAGING", permission: "READ_ONLY", expiresInDays: "never" } });
    expect(await db().webhookDelivery.count({ where: { organizationId: organization.id } })).toBe(4);
  });

  it("sends a test event on request and reports the answer", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    await expect(sendTestWebhook({ actor: actors.OWNER })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { secret } = await setWebhookEndpoint({ actor: actors.OWNER, input: { url } });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(await sendTestWebhook({ actor: actors.OWNER })).toEqual({ status: "delivered", statusCode: 200, error: null });
    expect(new Webhook(secret).verify(last().body, last().headers)).toMatchObject({ type: "webhook.test", event: "webhook.test" });
    await expect(sendTestWebhook({ actor: actors.ADMIN })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("can be removed by an owner only; queued deliveries are dropped, not sent", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    await expect(removeWebhookEndpoint({ actor: actors.OWNER })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setWebhookEndpoint({ actor: actors.OWNER, input: { url } });
    await db().webhookDelivery.create({
      data: { organizationId: organization.id, event: "incident.closed", payload: {}, nextAttemptAt: new Date(Date.now() + 60_000) },
    });
    for (const role of ["ADMIN", "SECURITY", "MEMBER"] as const) {
      await expect(removeWebhookEndpoint({ actor: actors[role] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await removeWebhookEndpoint({ actor: actors.OWNER });
    expect(await db().webhookEndpoint.count({ where: { organizationId: organization.id } })).toBe(0);
    expect(await db().webhookDelivery.findFirstOrThrow({ where: { organizationId: organization.id } })).toMatchObject({
      status: "failed",
      lastError: "webhook removed",
    });
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "organization.webhook_removed" } })).toBe(1);
  });

  it("retries a failed delivery on an owner's request, only in their organization", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const other = await createOrganizationWithAllRoles();
    const { secret } = await setWebhookEndpoint({ actor: actors.OWNER, input: { url } });
    const failed = await db().webhookDelivery.create({
      data: {
        organizationId: organization.id,
        event: "incident.closed",
        payload: { event: "incident.closed" },
        status: "failed",
        attempts: 6,
        nextAttemptAt: null,
        lastError: "HTTP 500",
      },
    });
    await expect(retryWebhookDelivery({ actor: actors.SECURITY, input: { deliveryId: failed.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(retryWebhookDelivery({ actor: other.actors.OWNER, input: { deliveryId: failed.id } })).rejects.toMatchObject({ code: "CONFLICT" });
    await setWebhookEndpoint({ actor: other.actors.OWNER, input: { url } });
    await expect(retryWebhookDelivery({ actor: other.actors.OWNER, input: { deliveryId: failed.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "failed", attempts: 6 });

    await retryWebhookDelivery({ actor: actors.OWNER, input: { deliveryId: failed.id } });
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    await processDueWebhooks();
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: "delivered",
      attempts: 1,
      messageId: failed.messageId,
    });
    // Sent again, it is still the same message to the receiver.
    expect(last().headers["webhook-id"]).toBe(failed.messageId);
    expect(new Webhook(secret).verify(last().body, last().headers)).toEqual({ event: "incident.closed" });
    // Only failed deliveries can be retried.
    await expect(retryWebhookDelivery({ actor: actors.OWNER, input: { deliveryId: failed.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets only owners set the URL, and refuses one that is not http(s)", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    for (const role of ["ADMIN", "SECURITY", "MEMBER"] as const) {
      await expect(setWebhookEndpoint({ actor: actors[role], input: { url } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(setWebhookEndpoint({ actor: actors.OWNER, input: { url: "ftp://example.test/x" } })).rejects.toThrow();
    expect(await db().webhookEndpoint.count({ where: { organizationId: actors.OWNER.organizationId } })).toBe(0);
  });
});
