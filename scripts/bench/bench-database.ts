import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type RunningDatabase } from "@/lib/runtime/embedded-postgres";
import { applyMigrations } from "@/lib/runtime/migrate";
import { createDatabase, dropDatabases } from "@/lib/testing/test-database";

// A migrated database of its own for one benchmark run: on BENCH_DATABASE_URL
// when set, else on an embedded PostgreSQL in a temporary folder.
export async function startBenchDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  let embedded: RunningDatabase | undefined;
  let tempDir: string | undefined;
  let adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-keys-bench-"));
    fs.chmodSync(tempDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: tempDir, log: () => {} });
    adminUrl = embedded.url;
  }
  const database = await createDatabase(adminUrl);
  await applyMigrations(database.url);
  return {
    url: database.url,
    async stop() {
      await dropDatabases(adminUrl, [database.name]).catch(() => {});
      await embedded?.stop();
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
