import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { notifyStep, replaceStep, revokeStep } from "@/lib/incidents/incident-step-actions";
import { listIncidentDeliveries } from "@/lib/incidents/incident-deliveries";
import { openIncident } from "@/lib/incidents/open-incident";
import { createKey } from "@/lib/keys/create-key";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { processDueEmails } from "./deliver-emails";
import { sendTestEmail } from "./send-test-email";

// A local SMTP server that wants a password and turns the first message away
// with a temporary error, then accepts.
type Received = { from: string; to: string[]; data: string };
const received: Received[] = [];
let refusals = 0;
let server: SMTPServer;
let port: number;
beforeAll(async () => {
  server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (auth, _session, callback) =>
      auth.username === "mailer" && auth.password === "s3cret" ? callback(null, { user: "mailer" }) : callback(new Error("Invalid credentials")),
    onData: (stream, session, callback) => {
      let data = "";
      stream.on("data", (chunk: Buffer) => (data += chunk.toString()));
      stream.on("end", () => {
        if (refusals-- > 0) return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
});

async function incidentReadyToNotify(actors: Record<"OWNER" | "SECURITY", Actor>) {
  const { key } = await createKey({ actor: actors.OWNER, input: { name: "Mailed", environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" } });
  const { incidentId } = await openIncident({ actor: actors.SECURITY, keyId: key.id });
  await revokeStep({ actor: actors.SECURITY, incidentId });
  await replaceStep({ actor: actors.SECURITY, incidentId, input: { skipReason: "test" } });
  await db().incidentStep.createMany({ data: ["update_apps", "review"].map((step) => ({ incidentId, step, actorLabel: "test" })) });
  return incidentId;
}

async function processUntilSettled(incidentId: string) {
  for (let i = 0; i < 100; i++) {
    await processDueEmails();
    const pending = await db().emailDelivery.count({ where: { incidentId, status: "pending" } });
    if (pending === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("incident emails", () => {
  it("go to every member through the configured SMTP server, retried after a temporary refusal", async () => {
    process.env.SMTP_URL = `smtp://mailer:s3cret@127.0.0.1:${port}`;
    process.env.SMTP_FROM = "Secret Keys <security@example.test>";
    const { actors, members } = await createOrganizationWithAllRoles();
    const incidentId = await incidentReadyToNotify(actors);
    refusals = 1;
    await notifyStep({ actor: actors.SECURITY, incidentId, input: { message: "Key leaked.\nSwitch to the replacement." } });
    const addresses = members.map((m) => m.email).sort();
    expect((await db().emailDelivery.findMany({ where: { incidentId } })).map((e) => e.toAddress).sort()).toEqual(addresses);

    await processUntilSettled(incidentId);
    const deliveries = await listIncidentDeliveries(actors.OWNER.organizationId, incidentId);
    expect(deliveries.every((d) => d.channel === "email" && d.status === "delivered")).toBe(true);
    expect(deliveries.map((d) => d.attempts).sort()).toEqual([1, 1, 1, 2]);

    const mine = received.filter((r) => addresses.includes(r.to[0]));
    expect(mine.map((r) => r.to[0]).sort()).toEqual(addresses);
    expect(mine[0].from).toBe("security@example.test");
    // "[Secret Keys] Key “Mailed” …", Q-encoded for the curly quotes.
    expect(mine[0].data).toContain("Subject: =?UTF-8?Q?=5BSecret_Keys=5D_Key_=E2=80=9CMailed");
    expect(mine[0].data).toContain("Switch to the replacement.");
    expect(mine[0].data).toContain("/compromised");
  });

  it("can be tried with a test email to the owner, which reports the server's answer", async () => {
    const { actors, members } = await createOrganizationWithAllRoles();
    await expect(sendTestEmail({ actor: actors.OWNER })).rejects.toMatchObject({ code: "CONFLICT" });
    process.env.SMTP_URL = `smtp://mailer:s3cret@127.0.0.1:${port}`;
    process.env.SMTP_FROM = "security@example.test";
    const owner = members.find((m) => m.role === "OWNER")!;
    expect(await sendTestEmail({ actor: actors.OWNER })).toEqual({ to: owner.email, ok: true, error: null });
    expect(received.some((r) => r.to[0] === owner.email && r.data.includes("Test email"))).toBe(true);
    for (const role of ["ADMIN", "SECURITY", "MEMBER"] as const) {
      await expect(sendTestEmail({ actor: actors[role] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    process.env.SMTP_URL = `smtp://mailer:wrong-pass@127.0.0.1:${port}`;
    const failed = await sendTestEmail({ actor: actors.OWNER });
    expect(failed).toMatchObject({ ok: false });
    expect(failed.error).not.toContain("wrong-pass");
  });

  it("are not queued when SMTP is not configured", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const incidentId = await incidentReadyToNotify(actors);
    await notifyStep({ actor: actors.SECURITY, incidentId, input: { message: "No mail." } });
    expect(await db().emailDelivery.count({ where: { incidentId } })).toBe(0);
    const step = await db().incidentStep.findFirstOrThrow({ where: { incidentId, step: "notify" } });
    expect(step.details).toMatchObject({ emails: 0 });
  });

  it("fail after the last attempt with the server's answer, never the password", async () => {
    process.env.SMTP_URL = `smtp://mailer:wrong-pass@127.0.0.1:${port}`;
    process.env.SMTP_FROM = "security@example.test";
    const { actors } = await createOrganizationWithAllRoles();
    const incidentId = await incidentReadyToNotify(actors);
    await notifyStep({ actor: actors.SECURITY, incidentId, input: { message: "Bad password." } });
    await db().emailDelivery.updateMany({ where: { incidentId }, data: { attempts: 5 } });
    await processUntilSettled(incidentId);
    const failed = await db().emailDelivery.findMany({ where: { incidentId } });
    expect(failed.every((e) => e.status === "failed" && e.attempts === 6)).toBe(true);
    expect(failed[0].lastError).toMatch(/Invalid credentials|auth/i);
    expect(failed[0].lastError).not.toContain("wrong-pass");
  });
});
