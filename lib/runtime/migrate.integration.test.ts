import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase, dropDatabases, startTestRun } from "@/lib/testing/test-database";
import { applyMigrations, MIGRATION_LOCK } from "./migrate";
import { shippedMigrations } from "./database-check";

const created: string[] = [];
afterAll(() => dropDatabases(inject("adminDatabaseUrl"), created));

async function emptyDatabase(): Promise<string> {
  process.env.SK_TEST_RUN = inject("testRun");
  startTestRun();
  const database = await createDatabase(inject("adminDatabaseUrl"));
  created.push(database.name);
  return database.url;
}

async function appliedMigrations(url: string): Promise<{ migration_name: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ migration_name: string }>(`SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`)).rows;
  } finally {
    await client.end();
  }
}

describe("applyMigrations", () => {
  it("lets instances starting together on an empty database apply each migration once: the others wait, then find nothing to do", async () => {
    const url = await emptyDatabase();
    // Another instance holds the lock, as if it were migrating.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    const waits: string[] = [];
    const waiting = [applyMigrations(url, { log: (line) => waits.push(line) }), applyMigrations(url, { log: (line) => waits.push(line) })];
    await expect.poll(() => waits.length).toBe(2);
    // Its session ends (done, or the process died): the waiting ones go on.
    await holder.end();
    await Promise.all(waiting);
    const applied = (await appliedMigrations(url)).map((row) => row.migration_name).sort();
    expect(applied).toEqual(shippedMigrations());
  }, 120_000);
});
