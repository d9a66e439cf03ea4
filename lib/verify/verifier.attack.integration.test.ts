import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { startVerifyServer, verifyCall } from "@/lib/testing/verify-server";
import { MANY_USER_AGENTS, MAX_CLIENTS_PER_KEY } from "./usage-recorder";

type Instance = Awaited<ReturnType<typeof startVerifyServer>>;
const SERVICE_TOKEN = "svc_" + "t".repeat(40);
let server: Instance;
let fixture: Awaited<ReturnType<typeof createOrganizationWithAllRoles>>;
const logged: string[] = [];

const newKey = (input: Record<string, unknown> = {}) =>
  createKey({
    actor: fixture.actors.OWNER,
    input: { name: `key ${Math.random()}`, environment: "PRODUCTION", permission: "FULL", expiresInDays: "never", ...input },
  });

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() - started > timeoutMs) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  fixture = await createOrganizationWithAllRoles();
  server = await startVerifyServer({
    databaseUrl: process.env.DATABASE_URL!,
    flushIntervalMs: 200,
    serviceTokens: SERVICE_TOKEN,
    log: (line) => logged.push(line),
  });
});
afterAll(async () => {
  await server?.close();
});

describe("one odd request cannot blind usage recording", () => {
  it.each(["__proto__", "constructor", "toString"])("scope %j is refused with 400, and the next verification's Last Used appears within 5 s", async (scope) => {
    const { key, secret } = await newKey();
    const attack = await verifyCall(server.url, { key: secret, scope, action: "read" });
    expect(attack.status).toBe(400);
    expect(attack.json.error).toBe("invalid_request");

    const { key: other, secret: otherSecret } = await newKey();
    expect((await verifyCall(server.url, { key: otherSecret, scope: "dataset", action: "read" })).status).toBe(200);
    const row = await waitFor(
      () => db().secretKey.findUniqueOrThrow({ where: { id: other.id } }),
      (k) => k.lastUsedAt !== null,
    );
    expect(row.lastUsedAt).not.toBeNull();
    expect(await db().keyActivity.count({ where: { keyId: other.id } })).toBe(1);
    // The attacked key was not counted as used by the refused request.
    expect((await db().secretKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeNull();
  });

  it("a row the database refuses (its key vanished) is dropped alone and logged; the rest is written", async () => {
    const doomed = await newKey();
    const kept = await newKey();
    // Both verified in the same flush window; the first key's row disappears before the flush.
    await verifyCall(server.url, { key: doomed.secret, scope: "dataset", action: "read" });
    await verifyCall(server.url, { key: kept.secret, scope: "dataset", action: "read" });
    await db().$executeRaw`DELETE FROM "SecretKey" WHERE "id" = ${doomed.key.id}`;
    await server.verifier.flush();
    await waitFor(
      () => db().keyActivity.count({ where: { keyId: kept.key.id } }),
      (n) => n === 1,
    );
    expect(await db().keyActivity.count({ where: { keyId: kept.key.id } })).toBe(1);
    // Whichever way the flush windows fell, nothing is stuck: later usage is written.
    await verifyCall(server.url, { key: kept.secret, scope: "training", action: "read" });
    await waitFor(
      () => db().keyActivity.count({ where: { keyId: kept.key.id } }),
      (n) => n === 2,
    );
    expect(await db().keyActivity.count({ where: { keyId: kept.key.id } })).toBe(2);
  });
});

describe("flooding", () => {
  it("a key's own rate limit answers 429 with Retry-After and code rate_limited, recorded as such", async () => {
    const { key, secret } = await newKey({ rateLimitPerMinute: 3 });
    const body = { key: secret, scope: "dataset", action: "read" };
    for (let i = 0; i < 3; i++) expect((await verifyCall(server.url, body)).status).toBe(200);
    const limited = await verifyCall(server.url, body);
    expect(limited.status).toBe(429);
    expect(limited.json).toMatchObject({ code: "rate_limited" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.bytes.toString()).not.toContain(secret);
    const whoami = await fetch(`${server.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${secret}` } });
    expect(whoami.status).toBe(429);
    // Another key is not affected.
    expect((await verifyCall(server.url, { ...body, key: (await newKey()).secret })).status).toBe(200);
    await server.verifier.flush();
    const outcomes = await db().keyActivity.groupBy({ by: ["outcome"], where: { keyId: key.id }, _sum: { requestCount: true } });
    expect(Object.fromEntries(outcomes.map((o) => [o.outcome, o._sum.requestCount]))).toEqual({ ALLOWED: 3, RATE_LIMITED: 2 });
  });

  it("3,000 requests with different user agents make at most the per-key client cap of rows, and cannot hide another address", async () => {
    const { key, secret } = await newKey();
    const body = JSON.stringify({ key: secret, scope: "dataset", action: "read" });
    for (let batch = 0; batch < 30; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          fetch(`${server.url}/api/v1/keys/verify`, {
            method: "POST",
            headers: { "content-type": "application/json", "user-agent": `flood/${batch * 100 + i}` },
            body,
          }),
        ),
      );
    }
    // The thief, from elsewhere, after the flood.
    await fetch(`${server.url}/api/v1/keys/verify`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "exfil-tool", "x-test-address": "198.51.100.77" },
      body: JSON.stringify({ key: secret, scope: "training", action: "write" }),
    });
    await server.verifier.flush();
    const rows = await db().keyActivity.findMany({ where: { keyId: key.id } });
    // At most the cap of distinct clients; the rest coalesce per address (one row per flush, like any client).
    expect(new Set(rows.map((row) => row.userAgent)).size).toBeLessThanOrEqual(MAX_CLIENTS_PER_KEY + 1);
    expect(rows.length).toBeLessThan(200);
    expect(rows.filter((row) => row.overflow)).toHaveLength(0);
    expect(rows.find((row) => row.ipAddress === "198.51.100.77")).toMatchObject({ scope: "TRAINING", action: "write", userAgent: MANY_USER_AGENTS });
    expect(rows.reduce((sum, row) => sum + row.requestCount, 0)).toBe(3_001);
  });

  it("answers 413 as soon as the body passes the limit, without reading the rest", async () => {
    const port = Number(new URL(server.url).port);
    // Announced too large: refused before a byte of the body.
    const announced = await new Promise<number>((resolve, reject) => {
      const request = http.request({
        port,
        host: "127.0.0.1",
        method: "POST",
        path: "/api/v1/keys/verify",
        headers: { "content-type": "application/json", "content-length": String(50_000_000) },
      });
      request.on("response", (response) => resolve(response.statusCode ?? 0));
      request.on("error", reject);
      request.flushHeaders();
    });
    expect(announced).toBe(413);
    // Streamed without a length, and never ending: answered once past the limit.
    const streamed = await new Promise<number>((resolve, reject) => {
      const request = http.request({
        port,
        host: "127.0.0.1",
        method: "POST",
        path: "/api/v1/keys/verify",
        headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      });
      request.on("response", (response) => resolve(response.statusCode ?? 0));
      request.on("error", reject);
      request.write("x".repeat(9_000));
    });
    expect(streamed).toBe(413);
  });
});

describe("slow bodies", () => {
  it("a body dribbled in byte by byte is answered 408 and the connection closed, long before the server's request timeout", async () => {
    const quick = await startVerifyServer({ databaseUrl: process.env.DATABASE_URL!, bodyTimeoutMs: 300 });
    try {
      const port = Number(new URL(quick.url).port);
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.request({
          port,
          host: "127.0.0.1",
          method: "POST",
          path: "/api/v1/keys/verify",
          headers: { "content-type": "application/json", "content-length": "5000" },
        });
        request.on("response", (response) => resolve(response.statusCode ?? 0));
        request.on("error", reject);
        request.write("{");
      });
      expect(status).toBe(408);
    } finally {
      await quick.close();
    }
  });
});

describe("clients that hang up mid-body", () => {
  it("write no log line each (a cheap way to flood the log) and get no late answer; the server goes on answering", async () => {
    const lines: string[] = [];
    const quick = await startVerifyServer({ databaseUrl: process.env.DATABASE_URL!, bodyTimeoutMs: 200, log: (line) => lines.push(line) });
    try {
      const port = Number(new URL(quick.url).port);
      const answers: string[] = [];
      await Promise.all(
        Array.from(
          { length: 20 },
          () =>
            new Promise<void>((resolve) => {
              const socket = net.connect(port, "127.0.0.1", () => {
                socket.write('POST /api/v1/keys/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"key": "skml_');
                setImmediate(() => socket.destroy());
              });
              socket.on("data", (chunk) => answers.push(chunk.toString()));
              socket.on("close", () => resolve());
            }),
        ),
      );
      // Past the deadline and its sweep: a body still watched would be answered (to no one) and logged.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(answers).toEqual([]);
      expect(lines).toEqual([]);
      const { secret } = await newKey();
      expect((await verifyCall(quick.url, { key: secret, scope: "dataset", action: "read" })).status).toBe(200);
    } finally {
      await quick.close();
    }
  });
});

describe("the invalid-key limit cannot lock real keys out", () => {
  const junk = { key: "skml_live_not-a-real-key", scope: "dataset", action: "read" };

  it("a caller past the limit still gets answers for every key that works, cached or not", async () => {
    const limited = await startVerifyServer({ databaseUrl: process.env.DATABASE_URL!, invalidKeyLimitPerMinute: 5 });
    try {
      const [known, cold] = [await newKey(), await newKey()];
      const body = (secret: string) => ({ key: secret, scope: "dataset", action: "read" });
      expect((await verifyCall(limited.url, body(known.secret), { "x-test-address": "10.0.0.5" })).status).toBe(200);
      // Junk from the same address, including bare whoami calls a page on another site could send.
      for (let i = 0; i < 3; i++) await verifyCall(limited.url, junk, { "x-test-address": "10.0.0.5" });
      for (let i = 0; i < 3; i++) await fetch(`${limited.url}/api/v1/whoami`, { headers: { "x-test-address": "10.0.0.5" } });
      expect((await verifyCall(limited.url, junk, { "x-test-address": "10.0.0.5" })).status).toBe(429);
      expect((await verifyCall(limited.url, body(known.secret), { "x-test-address": "10.0.0.5" })).status).toBe(200);
      // A key this instance has never seen (or saw more than 5 s ago) is looked up and answered too.
      expect((await verifyCall(limited.url, body(cold.secret), { "x-test-address": "10.0.0.5" })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("past the limit, a deleted key gets the same 429 as a made-up one (no way to tell which leaked keys were real)", async () => {
    const limited = await startVerifyServer({ databaseUrl: process.env.DATABASE_URL!, invalidKeyLimitPerMinute: 5 });
    try {
      const { key, secret } = await newKey();
      await db().secretKey.update({ where: { id: key.id }, data: { deletedAt: new Date() } });
      const from = { "x-test-address": "10.0.0.9" };
      for (let i = 0; i < 5; i++) await verifyCall(limited.url, junk, from);
      const madeUp = await verifyCall(limited.url, junk, from);
      const deleted = await verifyCall(limited.url, { key: secret, scope: "dataset", action: "read" }, from);
      expect(madeUp.status).toBe(429);
      expect({ status: deleted.status, json: deleted.json }).toEqual({ status: madeUp.status, json: madeUp.json });
      const bearer = { ...from, authorization: `Bearer ${secret}` };
      const whoamiDeleted = await fetch(`${limited.url}/api/v1/whoami`, { headers: bearer });
      const whoamiMadeUp = await fetch(`${limited.url}/api/v1/whoami`, { headers: { ...from, authorization: "Bearer skml_live_not-a-real-key" } });
      expect([whoamiDeleted.status, await whoamiDeleted.json()]).toEqual([whoamiMadeUp.status, await whoamiMadeUp.json()]);
    } finally {
      await limited.close();
    }
  });

  it("through a service, one end client's junk spends only that client's limit", async () => {
    const limited = await startVerifyServer({ databaseUrl: process.env.DATABASE_URL!, invalidKeyLimitPerMinute: 5, serviceTokens: SERVICE_TOKEN });
    try {
      const via = { "x-service-token": SERVICE_TOKEN, "x-test-address": "10.0.0.6" };
      for (let i = 0; i < 10; i++) await verifyCall(limited.url, { ...junk, client: { ipAddress: "203.0.113.66" } }, via);
      expect((await verifyCall(limited.url, { ...junk, client: { ipAddress: "203.0.113.66" } }, via)).status).toBe(429);
      // Another client's key, never seen by this instance, through the same service.
      const { secret } = await newKey();
      const answer = await verifyCall(limited.url, { key: secret, scope: "dataset", action: "read", client: { ipAddress: "198.51.100.2" } }, via);
      expect(answer.status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("a body that is not JSON (what a page on another site can send without asking) is refused with 415", async () => {
    const { secret } = await newKey();
    const response = await fetch(`${server.url}/api/v1/keys/verify`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ key: secret, scope: "dataset", action: "read" }),
    });
    expect(response.status).toBe(415);
  });

  it("a body that says it is in another charset than UTF-8 is refused with 415, not read as UTF-8", async () => {
    const { secret } = await newKey();
    for (const type of ["application/json; charset=utf-16", "application/json;charset=ISO-8859-1"]) {
      const response = await fetch(`${server.url}/api/v1/keys/verify`, {
        method: "POST",
        headers: { "content-type": type },
        body: JSON.stringify({ key: secret, scope: "dataset", action: "read" }),
      });
      expect(response.status, type).toBe(415);
    }
  });
});

describe("the end client a caller reports", () => {
  const client = { ipAddress: "198.51.100.23", userAgent: "real-app/1.0" };

  it("is refused from a caller without a service token (a thief could pose as the real app)", async () => {
    const { key, secret } = await newKey();
    const posing = await verifyCall(server.url, { key: secret, scope: "dataset", action: "read", client });
    expect(posing.status).toBe(403);
    const wrongToken = await verifyCall(server.url, { key: secret, scope: "dataset", action: "read", client }, { "x-service-token": "svc_" + "x".repeat(40) });
    expect(wrongToken.status).toBe(403);
    await server.verifier.flush();
    expect(await db().keyActivity.count({ where: { keyId: key.id } })).toBe(0);
  });

  it("is recorded from a service with a token, with the service's own address beside it", async () => {
    const { key, secret } = await newKey();
    const answer = await verifyCall(
      server.url,
      { key: secret, scope: "dataset", action: "read", client },
      { "x-service-token": SERVICE_TOKEN, "x-test-address": "10.9.8.7" },
    );
    expect(answer.status).toBe(200);
    await server.verifier.flush();
    const [row] = await db().keyActivity.findMany({ where: { keyId: key.id } });
    expect(row).toMatchObject({ ipAddress: client.ipAddress, viaAddress: "10.9.8.7", userAgent: client.userAgent });
  });

  it("without a client, the caller's own address is recorded", async () => {
    const { key, secret } = await newKey();
    await verifyCall(server.url, { key: secret, scope: "dataset", action: "read" }, { "x-test-address": "192.0.2.44", "user-agent": "curl/8" });
    await server.verifier.flush();
    const [row] = await db().keyActivity.findMany({ where: { keyId: key.id } });
    expect(row).toMatchObject({ ipAddress: "192.0.2.44", viaAddress: null, userAgent: "curl/8" });
  });
});
