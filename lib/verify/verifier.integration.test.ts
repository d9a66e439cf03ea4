import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey } from "@/lib/keys/delete-key";
import { checksumFor } from "@/lib/keys/key-format";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { startVerifyServer, verifyCall } from "@/lib/testing/verify-server";

type Instance = Awaited<ReturnType<typeof startVerifyServer>>;
let a: Instance;
let b: Instance;
let fixture: Awaited<ReturnType<typeof createOrganizationWithAllRoles>>;

const newKey = async (input: Record<string, unknown> = {}) =>
  createKey({
    actor: fixture.actors.OWNER,
    input: { name: `key ${Math.random()}`, environment: "PRODUCTION", permission: "FULL", expiresInDays: "never", ...input },
  });

beforeAll(async () => {
  fixture = await createOrganizationWithAllRoles();
  a = await startVerifyServer({ databaseUrl: process.env.DATABASE_URL!, invalidKeyLimitPerMinute: 5 });
  b = await startVerifyServer({ databaseUrl: process.env.DATABASE_URL! });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe("POST /api/v1/keys/verify", () => {
  it("answers a live key with its identity and whether the action is allowed", async () => {
    const { key, secret } = await newKey({ permission: "READ_ONLY" });
    const read = await verifyCall(a.url, { key: secret, scope: "training", action: "read" });
    expect(read.status).toBe(200);
    expect(read.headers.get("cache-control")).toBe("no-store");
    expect(read.json).toEqual({
      valid: true,
      allowed: true,
      keyId: key.id,
      organizationId: fixture.organization.id,
      name: key.name,
      environment: "production",
      scopes: ["dataset", "training", "deployment"],
      permission: "read_only",
      expiresAt: null,
    });
    expect(read.bytes.toString()).not.toContain(secret);
    const write = await verifyCall(a.url, { key: secret, scope: "training", action: "write" });
    expect(write.json).toMatchObject({ valid: true, allowed: false });

    // A key with an end date says when, so the calling service can warn.
    const expiring = await newKey({ expiresInDays: "30" });
    const answer = await verifyCall(a.url, { key: expiring.secret, scope: "dataset", action: "read" });
    expect(answer.json.expiresAt).toBe(expiring.key.expiresAt!.toISOString());
  });

  it("follows the permission table for labeler keys", async () => {
    const { secret } = await newKey({ permission: "LABELER_ONLY" });
    const call = (scope: string, action: string) => verifyCall(a.url, { key: secret, scope, action }).then((r) => r.json.allowed);
    expect(await call("dataset", "annotate")).toBe(true);
    expect(await call("dataset", "write")).toBe(false);
    expect(await call("deployment", "read")).toBe(false);
  });

  it("refuses unknown, deleted, expired and malformed keys with the same bytes", async () => {
    const { secret: deletedSecret, key: deletedKey } = await newKey();
    await deleteKey({ actor: fixture.actors.OWNER, input: { keyId: deletedKey.id } });
    const { secret: expiredSecret, key: expiredKey } = await newKey();
    await db().secretKey.update({ where: { id: expiredKey.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const body = deletedSecret.slice(0, -6).replace(/.$/, "Z");
    const unknown = body + checksumFor(body);
    const badChecksum = deletedSecret.slice(0, -1) + (deletedSecret.endsWith("a") ? "b" : "a");

    const answers = [];
    for (const key of [unknown, deletedSecret, expiredSecret, badChecksum, "skml_live_short", "x".repeat(5000)]) {
      answers.push(await verifyCall(b.url, { key, scope: "dataset", action: "read" }, { "x-test-address": `192.0.2.${answers.length}` }));
    }
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.bytes.toString()).toBe('{"valid":false,"code":"invalid_key"}');
      expect(answer.headers.get("content-length")).toBe(String(answer.bytes.length));
      expect(answer.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("refuses a body of the wrong shape with 400, a wrong method with 405, a huge body with 413", async () => {
    const { secret } = await newKey();
    for (const body of [
      "not json",
      "[]",
      { key: secret },
      { key: secret, scope: "dataset", action: "read", extra: 1 },
      { key: 1, scope: "dataset", action: "read" },
    ]) {
      const answer = await verifyCall(a.url, body);
      expect(answer.status).toBe(400);
      expect(answer.json.error).toBe("invalid_request");
      expect(answer.bytes.toString()).not.toContain(secret);
    }
    const get = await fetch(`${a.url}/api/v1/keys/verify`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await verifyCall(a.url, JSON.stringify({ key: "k".repeat(10_000) }))).status).toBe(413);
  });

  it("rate limits an address sending invalid keys, with Retry-After, and no other address", async () => {
    const invalid = { key: "skml_live_nope", scope: "dataset", action: "read" };
    for (let i = 0; i < 5; i++) expect((await verifyCall(a.url, invalid, { "x-test-address": "198.51.100.9" })).status).toBe(401);
    const limited = await verifyCall(a.url, invalid, { "x-test-address": "198.51.100.9" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const { secret } = await newKey();
    expect((await verifyCall(a.url, { key: secret, scope: "dataset", action: "read" }, { "x-test-address": "198.51.100.10" })).status).toBe(200);
  });
});

describe("GET /api/v1/whoami", () => {
  it("describes the key in the Authorization header", async () => {
    const { key, secret } = await newKey({ permission: "LABELER_ONLY" });
    const response = await fetch(`${a.url}/api/v1/whoami`, { headers: { authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({
      keyId: key.id,
      organizationId: fixture.organization.id,
      name: key.name,
      permission: "labeler_only",
      allowedActions: { dataset: ["read", "annotate"], training: [], deployment: [] },
    });
  });

  it("refuses a key in the query string, and a missing or malformed header", async () => {
    const { secret } = await newKey();
    const inQuery = await fetch(`${a.url}/api/v1/whoami?key=${secret}`);
    expect(inQuery.status).toBe(400);
    expect(await inQuery.text()).not.toContain(secret);
    const missing = await fetch(`${a.url}/api/v1/whoami`, { headers: { "x-test-address": "203.0.113.50" } });
    expect(missing.status).toBe(401);
    const basic = await fetch(`${a.url}/api/v1/whoami`, { headers: { authorization: `Basic ${secret}`, "x-test-address": "203.0.113.51" } });
    expect(basic.status).toBe(401);
  });
});

describe("two instances on one database", () => {
  it("a key deleted through one is refused by the other within a second", async () => {
    const { key, secret } = await newKey();
    const body = { key: secret, scope: "dataset", action: "read" };
    expect((await verifyCall(a.url, body)).status).toBe(200);
    expect((await verifyCall(b.url, body)).status).toBe(200);
    const deletedAt = Date.now();
    await deleteKey({ actor: fixture.actors.ADMIN, input: { keyId: key.id } });
    let refusedAfter = Infinity;
    while (Date.now() - deletedAt < 5_000) {
      if ((await verifyCall(b.url, body, { "x-test-address": "203.0.113.77" })).status === 401) {
        refusedAfter = Date.now() - deletedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(refusedAfter).toBeLessThan(1_000);
    expect((await verifyCall(a.url, body, { "x-test-address": "203.0.113.78" })).status).toBe(401);
  });

  // Last Used is kept to the minute (write-usage.ts), so which of two uses
  // 30 ms apart it shows depends on the order of the flushes; it never
  // moves back to before the first.
  it("merges Last Used from both instances, never moving it back, whichever flushes last", async () => {
    const { key, secret } = await newKey();
    const body = { key: secret, scope: "dataset", action: "read" };
    const firstUse = Date.now();
    await verifyCall(a.url, body);
    await new Promise((r) => setTimeout(r, 30));
    await verifyCall(b.url, body);
    await b.verifier.flush();
    const afterB = (await db().secretKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt!.getTime();
    await a.verifier.flush();
    const afterBoth = (await db().secretKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt!.getTime();
    expect(afterB).toBeGreaterThanOrEqual(firstUse - 5);
    expect(afterBoth).toBe(afterB);
  });

  it("records coalesced activity with outcomes, and flushes what is pending when an instance shuts down", async () => {
    const { key, secret } = await newKey({ permission: "READ_ONLY" });
    const token = "svc_" + "s".repeat(40);
    const instance = await startVerifyServer({ databaseUrl: process.env.DATABASE_URL!, serviceTokens: token });
    const client = { ipAddress: "10.1.1.1", userAgent: "trainer/1" };
    for (let i = 0; i < 7; i++) await verifyCall(instance.url, { key: secret, scope: "dataset", action: "read", client }, { "x-service-token": token });
    for (let i = 0; i < 3; i++) await verifyCall(instance.url, { key: secret, scope: "dataset", action: "write", client }, { "x-service-token": token });
    expect(await db().keyActivity.count({ where: { keyId: key.id } })).toBe(0);
    await instance.close();
    const rows = await db().keyActivity.findMany({ where: { keyId: key.id }, orderBy: { outcome: "asc" } });
    expect(rows.map((r) => [r.outcome, r.action, r.requestCount, r.ipAddress, r.userAgent])).toEqual([
      ["ALLOWED", "read", 7, "10.1.1.1", "trainer/1"],
      ["DENIED", "write", 3, "10.1.1.1", "trainer/1"],
    ]);
    expect((await db().secretKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).not.toBeNull();
  });

  it("keeps a caller's User-Agent without its control characters (C1 too: U+009B is a terminal's escape)", async () => {
    const { key, secret } = await newKey();
    const instance = await startVerifyServer({ databaseUrl: process.env.DATABASE_URL! });
    expect((await verifyCall(instance.url, { key: secret, scope: "dataset", action: "read" }, { "user-agent": "sdk\u009b2J\u0085/1" })).status).toBe(200);
    await instance.close();
    const [row] = await db().keyActivity.findMany({ where: { keyId: key.id } });
    expect(row.userAgent).toBe("sdk 2J /1");
  });
});
