import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase, dropDatabases, startTestRun } from "@/lib/testing/test-database";
import { databaseCheck, shippedMigrations } from "./database-check";

const pools: pg.Pool[] = [];
const created: string[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await dropDatabases(inject("adminDatabaseUrl"), created);
});

const poolFor = (url: string) => {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on("error", () => {});
  pools.push(pool);
  return pool;
};

describe("databaseCheck (readiness)", () => {
  it("is ok on a database with every shipped migration applied", async () => {
    expect(await databaseCheck(poolFor(inject("databaseUrl")), shippedMigrations())()).toBe("ok");
  });

  it("says migrations are pending on an empty database, or when this build ships one the database lacks", async () => {
    process.env.SK_TEST_RUN = inject("testRun");
    startTestRun();
    const empty = await createDatabase(inject("adminDatabaseUrl"));
    created.push(empty.name);
    expect(await databaseCheck(poolFor(empty.url), shippedMigrations())()).toBe("migrations pending");
    expect(await databaseCheck(poolFor(inject("databaseUrl")), [...shippedMigrations(), "29991231000000_from_the_future"])()).toBe("migrations pending");
  });

  it("says unreachable when the database refuses, without throwing", async () => {
    const url = new URL(inject("databaseUrl"));
    url.pathname = "/no_such_database_here";
    expect(await databaseCheck(poolFor(url.toString()), shippedMigrations())()).toBe("unreachable");
  });
});
