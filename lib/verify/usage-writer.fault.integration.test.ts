import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { startCuttableProxy, throughProxy, type CutRule } from "@/lib/testing/cuttable-proxy";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { UsageFlusher } from "./usage-flusher";
import { UsageRecorder } from "./usage-recorder";
import { createUsageWriter } from "./write-usage";

let proxy: Awaited<ReturnType<typeof startCuttableProxy>>;
let pool: pg.Pool;
let fixture: Awaited<ReturnType<typeof createOrganizationWithAllRoles>>;
let recorder: UsageRecorder;
let flusher: UsageFlusher;
const logged: string[] = [];

beforeAll(async () => {
  fixture = await createOrganizationWithAllRoles();
  const url = new URL(process.env.DATABASE_URL!);
  proxy = await startCuttableProxy({ host: url.hostname, port: Number(url.port || 5432) });
  pool = new pg.Pool({ connectionString: throughProxy(process.env.DATABASE_URL!, proxy.port), max: 2 });
  pool.on("error", () => {});
});
afterAll(async () => {
  await pool?.end();
  await proxy?.close();
});
beforeEach(() => {
  recorder = new UsageRecorder();
  flusher = new UsageFlusher(recorder, createUsageWriter(pool).write, (line) => logged.push(line));
});

async function keyUsedTimes(times: number) {
  const { key } = await createKey({
    actor: fixture.actors.OWNER,
    input: { name: `fault ${Math.random()}`, environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" },
  });
  const at = Date.now();
  for (let i = 0; i < times; i++) {
    recorder.record({
      keyId: key.id,
      organizationId: fixture.organization.id,
      at: at + i,
      ipAddress: "10.0.0.9",
      viaAddress: null,
      userAgent: "sdk/1",
      scope: "DATASET",
      action: "read",
      outcome: "ALLOWED",
    });
  }
  return key;
}

const stored = async (keyId: string) => {
  const rows = await db().keyActivity.findMany({ where: { keyId } });
  const key = await db().secretKey.findUniqueOrThrow({ where: { id: keyId } });
  return { rows: rows.length, requests: rows.reduce((sum, row) => sum + row.requestCount, 0), lastUsed: key.lastUsedAt !== null };
};

describe("the usage writer's connection dies mid-batch and comes back", () => {
  it.each<[string, CutRule]>([
    ["before the activity insert reaches the database", { when: "KeyActivity", at: "before" }],
    ["before the commit reaches the database", { when: "COMMIT", at: "before" }],
    ["after the commit, with its acknowledgement lost", { when: "COMMIT", at: "after-reply" }],
  ])("%s: nothing recorded is lost and nothing is written twice", async (_label, rule) => {
    const key = await keyUsedTimes(5);
    const cutsBefore = proxy.cuts;
    proxy.cutNext(rule);
    await flusher.flush();
    expect(proxy.cuts).toBe(cutsBefore + 1);
    expect(flusher.pending).toBeGreaterThan(0);
    expect(logged.at(-1)).toMatch(/will retry/);

    await flusher.flush();
    expect(flusher.pending).toBe(0);
    expect(await stored(key.id)).toEqual({ rows: 1, requests: 5, lastUsed: true });
  });

  it("traffic recorded during the outage is written after the batch that failed", async () => {
    const first = await keyUsedTimes(2);
    proxy.cutNext({ when: "COMMIT", at: "after-reply" });
    await flusher.flush();
    const second = await keyUsedTimes(3);
    await flusher.flush();
    await flusher.flush();
    expect(await stored(first.id)).toEqual({ rows: 1, requests: 2, lastUsed: true });
    expect(await stored(second.id)).toEqual({ rows: 1, requests: 3, lastUsed: true });
  });
});
