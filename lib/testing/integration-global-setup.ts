import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type RunningDatabase } from "@/lib/runtime/embedded-postgres";
import { applyMigrations } from "@/lib/runtime/migrate";
import { createDatabase, dropDatabases, listTestDatabases, startTestRun } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
    databaseUrl: string;
    testRun: string;
  }
}

// Integration tests run against TEST_DATABASE_URL when set, else against an
// embedded PostgreSQL started for this run. Either way they get databases of
// their own, migrated with the real `prisma migrate deploy`.
export default async function setup(project: TestProject) {
  let embedded: RunningDatabase | undefined;
  let tempDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    console.log(`[integration] PostgreSQL at ${new URL(adminUrl).host} (TEST_DATABASE_URL)`);
  } else {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-keys-it-"));
    fs.chmodSync(tempDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: tempDir, log: () => {} });
    adminUrl = embedded.url;
    console.log("[integration] embedded PostgreSQL started for this run");
  }

  project.provide("testRun", startTestRun());
  const template = await createDatabase(adminUrl);
  await applyMigrations(template.url);
  const main = await createDatabase(adminUrl, template.name);
  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabase", template.name);
  project.provide("databaseUrl", main.url);

  return async () => {
    const created = await listTestDatabases(adminUrl).catch(() => []);
    await dropDatabases(adminUrl, created).catch((error) => console.error("Could not drop test databases", error));
    await embedded?.stop();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  };
}
