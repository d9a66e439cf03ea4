import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKeyFixture, createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { createUsageWriter, LAST_USED_PRECISION_SECONDS } from "./write-usage";

let pool: pg.Pool;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
});
afterAll(() => pool.end());

const PRECISION_MS = LAST_USED_PRECISION_SECONDS * 1000;

async function writeLastUsed(keyId: string, at: number) {
  await createUsageWriter(pool).write({ id: randomUUID(), lastUsed: [[keyId, at]], activity: [] });
  return (await db().secretKey.findUniqueOrThrow({ where: { id: keyId } })).lastUsedAt?.getTime() ?? null;
}

describe("writing Last Used", () => {
  it("moves forward only, and only by more than its precision, so busy keys are not rewritten on every flush", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const key = await createKeyFixture(actors.OWNER);
    const first = Date.UTC(2026, 10, 27, 12, 0, 0);
    expect(await writeLastUsed(key.id, first)).toBe(first);
    // An instance flushing late with an older use never moves it back.
    expect(await writeLastUsed(key.id, first - 5_000)).toBe(first);
    // Uses within the precision leave the row alone.
    expect(await writeLastUsed(key.id, first + PRECISION_MS - 1)).toBe(first);
    expect(await writeLastUsed(key.id, first + PRECISION_MS)).toBe(first);
    // Past it, Last Used moves to the newer use.
    expect(await writeLastUsed(key.id, first + PRECISION_MS + 1)).toBe(first + PRECISION_MS + 1);
  });

  it("leaves the row's version alone for a use within the precision (no write at all)", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const key = await createKeyFixture(actors.OWNER);
    const at = Date.now();
    await writeLastUsed(key.id, at);
    const version = async () => (await pool.query<{ xmin: string }>(`SELECT xmin::text FROM "SecretKey" WHERE "id" = $1`, [key.id])).rows[0].xmin;
    const before = await version();
    await writeLastUsed(key.id, at + 2_000);
    expect(await version()).toBe(before);
  });
});
