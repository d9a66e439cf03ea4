import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { listKeys } from "./list-keys";
import { parseListKeysQuery } from "./list-keys-query";

// The key owner migration, run on rows written before it: the database is
// put back to the schema before it, given keys of a member and of one who
// has since been removed, and migrated again.
const MIGRATION = path.join(process.cwd(), "prisma/migrations/20261127170000_key_owner/migration.sql");

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: await useFreshDatabase() });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

const key = (id: string, createdById: string, deleted = false) =>
  client.query(
    `INSERT INTO "SecretKey" ("id", "organizationId", "name", "liveName", "environment", "scopes", "permission", "hash", "displayPrefix", "lastFour", "createdById", "deletedAt")
     VALUES ($1, 'org_old', $1, $2, 'PRODUCTION', '{DATASET}', 'FULL', $3, 'skml_live_ab', 'wxyz', $4, $5)`,
    [id, deleted ? null : id, `hash_${id}`, createdById, deleted ? new Date() : null],
  );

describe("the key owner migration", () => {
  it("makes each key's creator its owner; keys of members removed before it are found as without an active owner", async () => {
    await client.query(`DROP TRIGGER membership_deleted_release_keys ON "Membership"`);
    await client.query(`DROP FUNCTION membership_deleted_release_keys()`);
    await client.query(`ALTER TABLE "SecretKey" DROP COLUMN "ownerId", DROP COLUMN "team", DROP COLUMN "description"`);

    await client.query(`INSERT INTO "Organization" ("id", "name") VALUES ('org_old', 'Before owners')`);
    await client.query(
      `INSERT INTO "User" ("id", "email", "name", "passwordHash") VALUES ('u_stays', 'stays@example.test', 'Stays', 'x'), ('u_left', 'left@example.test', 'Left', 'x')`,
    );
    await client.query(`INSERT INTO "Membership" ("id", "role", "userId", "organizationId") VALUES ('m_stays', 'OWNER', 'u_stays', 'org_old')`);
    await key("k_stays", "u_stays");
    await key("k_left", "u_left");
    await key("k_left_deleted", "u_left", true);
    await key("k_no_creator", "u_stays");
    await client.query(`UPDATE "SecretKey" SET "createdById" = NULL WHERE "id" = 'k_no_creator'`);

    await client.query(fs.readFileSync(MIGRATION, "utf8"));

    const owners = await client.query(`SELECT "id", "ownerId" FROM "SecretKey" ORDER BY "id"`);
    expect(owners.rows).toEqual([
      { id: "k_left", ownerId: "u_left" },
      { id: "k_left_deleted", ownerId: "u_left" },
      { id: "k_no_creator", ownerId: null },
      { id: "k_stays", ownerId: "u_stays" },
    ]);
    const names = async (owner: string) =>
      (await listKeys("org_old", parseListKeysQuery({ owner, sort: "name", dir: "asc" }), new Date(), { viewerId: "u_stays" })).rows.map((row) => [
        row.name,
        row.ownerName,
        row.ownerActive,
      ]);
    expect(await names("none")).toEqual([
      ["k_left", "Left", false],
      ["k_no_creator", null, false],
    ]);
    expect(await names("me")).toEqual([["k_stays", "Stays", true]]);

    // The trigger is in place: a membership deleted outside the app leaves no live key with a non-member.
    await client.query(`DELETE FROM "Membership" WHERE "id" = 'm_stays'`);
    expect((await client.query(`SELECT "ownerId" FROM "SecretKey" WHERE "id" = 'k_stays'`)).rows).toEqual([{ ownerId: null }]);
  });
});
