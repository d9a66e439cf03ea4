import http from "node:http";
import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { sendTestWebhook, setWebhookEndpoint } from "./webhook-endpoint";

// An owner sets the webhook URL and reads back how the server's request went.
// Without a filter that is server-side request forgery into the panel's own
// network, and the error text tells which internal ports are open. Every
// connection here targets loopback only; nothing leaves the machine.

let receiver: http.Server;
let port: number;
const received: string[] = [];
const sockets = new Set<net.Socket>();

function listen(server: net.Server): Promise<number> {
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

beforeAll(async () => {
  // A database of this file's own: the delivery worker claims every
  // organization's due rows, and other files' receivers need the allowance.
  await useFreshDatabase();
  receiver = http.createServer((request, response) => {
    received.push(request.url ?? "");
    response.writeHead(200).end();
  });
  port = await listen(receiver);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await close(receiver);
});

afterEach(() => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
});

async function owner() {
  return (await createOrganizationWithAllRoles()).actors.OWNER;
}

describe("webhook SSRF", () => {
  it("a loopback, private or metadata IP literal is refused when the URL is set, in every spelling", async () => {
    const actor = await owner();
    const urls = [
      `http://127.0.0.1:${port}/hook`,
      `http://0x7f.1:${port}/hook`,
      `http://2130706433:${port}/hook`,
      `http://0177.0.0.1:${port}/hook`,
      `http://127.1:${port}/hook`,
      `http://[::1]:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      `http://[::ffff:7f00:1]:${port}/hook`,
      `http://[64:ff9b::7f00:1]:${port}/hook`,
      `http://[2002:7f00:1::1]:${port}/hook`,
      "http://0.0.0.0/hook",
      "http://10.0.0.5/hook",
      "http://192.168.1.1/hook",
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00:ec2::254]/latest/meta-data/",
      "http://100.100.100.200/latest/meta-data/",
    ];
    for (const url of urls) {
      await expect(setWebhookEndpoint({ actor, input: { url } }), url).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { url: [expect.stringMatching(/not allowed/)] },
      });
    }
    expect(await db().webhookEndpoint.count({ where: { organizationId: actor.organizationId } })).toBe(0);
  });

  it("a hostname resolving to loopback is refused when sending, and the receiver gets nothing", async () => {
    const actor = await owner();
    await setWebhookEndpoint({ actor, input: { url: `http://localhost:${port}/rebind` } });
    const answer = await sendTestWebhook({ actor });
    expect(answer).toEqual({ status: "failed", statusCode: null, error: "destination not allowed" });
    expect(received).not.toContain("/rebind");
  });

  it("a loopback literal stored before the check is refused when sending (node skips lookup for literals)", async () => {
    const actor = await owner();
    await db().webhookEndpoint.create({ data: { organizationId: actor.organizationId, url: `http://127.0.0.1:${port}/stored`, secret: "whsec_test" } });
    expect(await sendTestWebhook({ actor })).toEqual({ status: "failed", statusCode: null, error: "destination not allowed" });
    expect(received).not.toContain("/stored");
  });

  it("cloud metadata addresses stay refused with WEBHOOK_ALLOW_PRIVATE=true", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "true";
    const actor = await owner();
    for (const url of ["http://169.254.169.254/latest/meta-data/", "http://[::ffff:a9fe:a9fe]/", "http://[fd00:ec2::254]/", "http://100.100.100.200/"]) {
      await expect(setWebhookEndpoint({ actor, input: { url } }), url).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
    await setWebhookEndpoint({ actor, input: { url: `http://127.0.0.1:${port}/allowed` } });
    expect(await sendTestWebhook({ actor })).toEqual({ status: "delivered", statusCode: 200, error: null });
    expect(received).toContain("/allowed");
  });

  it("port scan: a closed port, a silent port and a non-HTTP service all read the same 'could not connect'", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "true";
    const closedServer = net.createServer();
    const closedPort = await listen(closedServer);
    await close(closedServer);
    const silent = net.createServer(() => {});
    const silentPort = await listen(silent);
    const banner = net.createServer((socket) => socket.end("SSH-2.0-OpenSSH_9.6 internal-db\r\n"));
    const bannerPort = await listen(banner);
    try {
      const answers = [];
      for (const target of [closedPort, silentPort, bannerPort]) {
        const actor = await owner();
        await setWebhookEndpoint({ actor, input: { url: `http://127.0.0.1:${target}/` } });
        const answer = await sendTestWebhook({ actor });
        const stored = await db().webhookDelivery.findFirstOrThrow({ where: { organizationId: actor.organizationId } });
        expect(stored.lastError).toBe(answer.error);
        answers.push(answer);
      }
      expect(answers).toEqual(Array(3).fill({ status: "pending", statusCode: null, error: "could not connect" }));
    } finally {
      for (const socket of sockets) if (socket.localPort !== port) socket.destroy();
      await Promise.all([close(silent), close(banner)]);
    }
  });
});
