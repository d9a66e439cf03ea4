import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKeyFixture, createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { createUsageWriter } from "./write-usage";

// Purging reaches every organization's rows: a database of its own.
let pool: pg.Pool;
beforeAll(async () => {
  await useFreshDatabase();
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
});
afterAll(() => pool.end());

const DAY = 86_400_000;

// Activity rows of one key, set-based: `count` rows last seen `daysAgo` days ago.
async function seedActivity(keyId: string, organizationId: string, count: number, daysAgo: number) {
  await pool.query(
    `INSERT INTO "KeyActivity" ("keyId", "organizationId", "firstSeenAt", "lastSeenAt", "ipAddress", "outcome", "requestCount")
     SELECT $1, $2, t, t, '203.0.113.' || (g % 250), 'ALLOWED', 1
     FROM generate_series(1, $3::int) AS g, LATERAL (SELECT (now() AT TIME ZONE 'UTC') - make_interval(days => $4::int) - make_interval(secs => g) AS t) AS s`,
    [keyId, organizationId, count, daysAgo],
  );
}

describe("purging old activity", () => {
  it("deletes exactly the rows past retention, batch by batch, however many instances purge at once", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const key = await createKeyFixture(actors.OWNER);
    await seedActivity(key.id, actors.OWNER.organizationId, 2_345, 40);
    await seedActivity(key.id, actors.OWNER.organizationId, 100, 1);
    const writer = createUsageWriter(pool);
    const cutoff = new Date(Date.now() - 30 * DAY);
    const purged = await Promise.all([
      writer.purge(cutoff, { batchSize: 100 }),
      writer.purge(cutoff, { batchSize: 100 }),
      writer.purge(cutoff, { batchSize: 100 }),
    ]);
    expect(purged.reduce((a, b) => a + b, 0)).toBe(2_345);
    expect(await db().keyActivity.count({ where: { keyId: key.id } })).toBe(100);
    expect(await writer.purge(cutoff, { batchSize: 100 })).toBe(0);
  });
});
