import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey } from "@/lib/keys/delete-key";
import { hashKey } from "@/lib/keys/key-format";
import { keyHashSecret } from "@/lib/keys/key-hash-secret";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { keyRecordLoader } from "./load-key-record";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
afterAll(() => pool.end());

describe("keyRecordLoader", () => {
  it.each([
    ["a named prepared statement (directly on PostgreSQL)", true],
    ["an unnamed statement (through a pooler in transaction mode)", false],
  ])("reads a key with %s", async (_label, prepared) => {
    const { actors } = await createOrganizationWithAllRoles();
    const { key, secret } = await createKey({
      actor: actors.OWNER,
      input: { name: "Either way", environment: "STAGING", permission: "FULL", expiresInDays: "never" },
    });
    const load = keyRecordLoader(pool, { prepared });
    const hash = hashKey(secret, keyHashSecret());
    expect((await load(hash))?.id).toBe(key.id);
    expect((await load(hash))?.id).toBe(key.id);
    expect(await load("1".repeat(64))).toBeNull();
  });

  it("reads a key as the verifier needs it: scopes, restricted actions, and times as epoch milliseconds", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const { key, secret } = await createKey({
      actor: actors.OWNER,
      input: {
        name: "Loader",
        environment: "STAGING",
        permission: "RESTRICTED",
        restrictedActions: { DATASET: ["read"] },
        expiresInDays: "30",
        rateLimitPerMinute: "60",
      },
    });
    const load = keyRecordLoader(pool);
    const hash = hashKey(secret, keyHashSecret());
    const row = await db().secretKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(await load(hash)).toEqual({
      id: key.id,
      organizationId: actors.OWNER.organizationId,
      name: "Loader",
      environment: "STAGING",
      scopes: ["DATASET", "TRAINING", "DEPLOYMENT"],
      permission: "RESTRICTED",
      restrictedActions: { DATASET: ["read"] },
      expiresAt: row.expiresAt!.getTime(),
      deletedAt: null,
      rateLimitPerMinute: 60,
    });
    await deleteKey({ actor: actors.OWNER, input: { keyId: key.id } });
    const deleted = await db().secretKey.findUniqueOrThrow({ where: { id: key.id } });
    expect((await load(hash))?.deletedAt).toBe(deleted.deletedAt!.getTime());
    expect(await load("0".repeat(64))).toBeNull();
  });
});
