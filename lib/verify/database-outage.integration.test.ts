import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectAll } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { startEmbeddedPostgres, type RunningDatabase } from "@/lib/runtime/embedded-postgres";
import { applyMigrations } from "@/lib/runtime/migrate";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { startVerifyServer, verifyCall } from "@/lib/testing/verify-server";
import { CONFIRM_TTL_MS } from "./key-cache";

// A PostgreSQL of this test's own, so it can be stopped and started again.
let dataDir: string;
let database: RunningDatabase;

async function startDatabase(port?: number) {
  database = await startEmbeddedPostgres({ dataDir, log: () => {}, port });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-keys-outage-"));
  fs.chmodSync(dataDir, 0o755);
  await startDatabase();
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
}, 120_000);

afterAll(async () => {
  await disconnectAll();
  await database?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("with the database unreachable", () => {
  it("answers keys confirmed in the last 5 seconds, gives 503 for others, and recovers by itself", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const input = { environment: "STAGING", permission: "FULL", expiresInDays: "never" };
    const cached = await createKey({ actor: actors.OWNER, input: { ...input, name: "cached" } });
    const uncached = await createKey({ actor: actors.OWNER, input: { ...input, name: "uncached" } });
    const instance = await startVerifyServer({ databaseUrl: database.url, flushIntervalMs: 200 });
    const call = (secret: string) => verifyCall(instance.url, { key: secret, scope: "dataset", action: "read" });
    try {
      expect((await call(cached.secret)).status).toBe(200);
      const port = Number(new URL(database.url).port);
      await disconnectAll();
      await database.stop();

      expect((await call(cached.secret)).status).toBe(200);
      const unavailable = await call(uncached.secret);
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers.get("retry-after")).toBe("1");
      expect(unavailable.bytes.toString()).not.toContain(uncached.secret);

      // Past the confirmation window the cached key is not trusted either.
      await new Promise((r) => setTimeout(r, CONFIRM_TTL_MS + 100));
      expect((await call(cached.secret)).status).toBe(503);

      await startDatabase(port);
      let recovered = false;
      for (let i = 0; i < 100 && !recovered; i++) {
        recovered = (await call(uncached.secret)).status === 200;
        if (!recovered) await new Promise((r) => setTimeout(r, 100));
      }
      expect(recovered).toBe(true);
      expect((await call(cached.secret)).status).toBe(200);
    } finally {
      await instance.close();
    }
  }, 60_000);
});
