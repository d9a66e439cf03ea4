import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { fuzzOptions, hostileString, prototypeSnapshot } from "@/lib/testing/fuzz";
import { anyBodyText, secretLike, verifyBody } from "@/lib/testing/verify-body-arbitraries";
import { startVerifyServer, verifyCall } from "@/lib/testing/verify-server";

const SERVICE_TOKEN = "svc_" + "f".repeat(40);
const ANSWERS = [200, 400, 401, 403, 413, 415, 429];

let server: Awaited<ReturnType<typeof startVerifyServer>>;
let fixture: Awaited<ReturnType<typeof createOrganizationWithAllRoles>>;
const logged: string[] = [];

const newKey = () =>
  createKey({ actor: fixture.actors.OWNER, input: { name: `fuzz ${Math.random()}`, environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" } });

beforeAll(async () => {
  fixture = await createOrganizationWithAllRoles();
  server = await startVerifyServer({
    databaseUrl: process.env.DATABASE_URL!,
    flushIntervalMs: 60_000,
    serviceTokens: SERVICE_TOKEN,
    log: (line) => logged.push(line),
  });
});
afterAll(async () => {
  await server?.close();
});

describe("POST /api/v1/keys/verify, fuzzed", () => {
  it("answers only 200/400/401/403/413/415/429, never echoes the key, records usage only for what it answered 200, and keeps serving", async () => {
    const prototypesBefore = prototypeSnapshot();
    const { key, secret } = await newKey();
    const keyText = fc.oneof({ weight: 3, arbitrary: fc.constant(secret) }, secretLike, hostileString);
    const body = fc.oneof(
      { weight: 4, arbitrary: verifyBody(keyText) },
      anyBodyText,
      fc.uint8Array({ maxLength: 400 }),
      // Around the 8 KiB limit, in bytes: multi-byte characters count for more.
      fc
        .tuple(fc.constantFrom("a", "é", "𝕏"), fc.integer({ min: 2_000, max: 9_000 }))
        .map(([c, n]) => JSON.stringify({ key: secret, scope: "dataset", action: "read", client: { userAgent: c.repeat(n) } })),
    );
    const headers = fc.constantFrom<Record<string, string>>(
      {},
      { "x-service-token": SERVICE_TOKEN },
      { "x-service-token": "not-the-token" },
      { "content-type": "text/plain" },
    );
    let recorded = 0;

    await fc.assert(
      fc.asyncProperty(body, headers, async (sent, extra) => {
        const answer = await verifyCall(server.url, sent, extra);
        expect(ANSWERS).toContain(answer.status);
        expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
        const text = answer.bytes.toString();
        expect(text).not.toContain(secret);
        const sentText = typeof sent === "string" ? sent : "";
        const sentKey = (sentText.match(/skml_(live|stage|dev|ci)_[0-9A-Za-z]{46}/) ?? [])[0];
        if (sentKey) expect(text).not.toContain(sentKey);
        if (answer.status === 200) {
          expect(answer.json).toMatchObject({ valid: true, keyId: key.id });
          recorded++;
        }
      }),
      fuzzOptions(300),
    );

    // Still serving, and usage still recorded: the fuzzed key counted exactly
    // its 200 answers, and a fresh key's Last Used appears after a flush.
    const fresh = await newKey();
    expect((await verifyCall(server.url, { key: fresh.secret, scope: "dataset", action: "read" })).status).toBe(200);
    await server.verifier.flush();
    const row = await db().secretKey.findUniqueOrThrow({ where: { id: fresh.key.id } });
    expect(row.lastUsedAt).not.toBeNull();
    const counted = await db().keyActivity.aggregate({ where: { keyId: key.id }, _sum: { requestCount: true } });
    expect(counted._sum.requestCount ?? 0).toBe(recorded);
    expect(recorded).toBeGreaterThan(0);
    expect(logged.filter((line) => /failed/i.test(line))).toEqual([]);
    expect(prototypeSnapshot()).toEqual(prototypesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
