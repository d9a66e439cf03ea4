import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { notifyStep, replaceStep, revokeStep } from "@/lib/incidents/incident-step-actions";
import { listIncidentDeliveries } from "@/lib/incidents/incident-deliveries";
import { openIncident } from "@/lib/incidents/open-incident";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { processDueWebhooks } from "./deliver-webhooks";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "./signature";
import { removeWebhookEndpoint, sendTestWebhook, setWebhookEndpoint } from "./webhook-endpoint";

// A local receiver that fails its first request, then accepts.
let receiver: http.Server;
let url: string;
const received: { headers: http.IncomingHttpHeaders; body: string; answered: number }[] = [];
beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const answered = received.length === 0 ? 503 : 200;
      received.push({ headers: request.headers, body, answered });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

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

    for (let i = 0; i < 50; i++) {
      await processDueWebhooks();
      const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { organizationId: organization.id } });
      if (delivery.status !== "pending") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { organizationId: organization.id } });
    expect(delivery).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200 });
    expect(received.map((r) => r.answered)).toEqual([503, 200]);
    expect(await listIncidentDeliveries(organization.id, incidentId)).toMatchObject([{ channel: "webhook", target: "incident.team_notified", status: "delivered", attempts: 2 }]);
    const last = received[1];
    const timestamp = Number(last.headers[TIMESTAMP_HEADER]);
    expect(verifySignature(secret, timestamp, last.body, String(last.headers[SIGNATURE_HEADER]))).toBe(true);
    expect(JSON.parse(last.body)).toMatchObject({ event: "incident.team_notified", data: { incidentId, message: "Key leaked; rotate." } });
  });

  it("sends a test event on request and reports the answer", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    await expect(sendTestWebhook({ actor: actors.OWNER })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setWebhookEndpoint({ actor: actors.OWNER, input: { url } });
    expect(await sendTestWebhook({ actor: actors.OWNER })).toEqual({ status: "delivered", statusCode: 200, error: null });
    expect(JSON.parse(received[received.length - 1].body)).toMatchObject({ event: "webhook.test" });
    await expect(sendTestWebhook({ actor: actors.ADMIN })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("can be removed by an owner only; queued deliveries are dropped, not sent", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    await expect(removeWebhookEndpoint({ actor: actors.OWNER })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setWebhookEndpoint({ actor: actors.OWNER, input: { url } });
    await db().webhookDelivery.create({ data: { organizationId: organization.id, event: "incident.closed", payload: {}, nextAttemptAt: new Date(Date.now() + 60_000) } });
    for (const role of ["ADMIN", "SECURITY", "MEMBER"] as const) {
      await expect(removeWebhookEndpoint({ actor: actors[role] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await removeWebhookEndpoint({ actor: actors.OWNER });
    expect(await db().webhookEndpoint.count({ where: { organizationId: organization.id } })).toBe(0);
    expect(await db().webhookDelivery.findFirstOrThrow({ where: { organizationId: organization.id } })).toMatchObject({ status: "failed", lastError: "webhook removed" });
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "organization.webhook_removed" } })).toBe(1);
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
