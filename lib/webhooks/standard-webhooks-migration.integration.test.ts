import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "@/lib/testing/fresh-database";

// The migration to Standard Webhooks, run on rows written before it: the
// database is put back to the schema before it, given an old endpoint and
// queued deliveries, and migrated again.
const MIGRATION = path.join(process.cwd(), "prisma/migrations/20261127151000_standard_webhooks/migration.sql");

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: await useFreshDatabase() });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

describe("the Standard Webhooks migration", () => {
  it("marks endpoints saved before it legacy, new ones not, and gives each queued delivery its own message id", async () => {
    await client.query(`ALTER TABLE "WebhookEndpoint" DROP COLUMN "legacySignature"`);
    await client.query(`ALTER TABLE "WebhookDelivery" DROP COLUMN "messageId"`);
    await client.query(
      `INSERT INTO "WebhookEndpoint" ("id", "organizationId", "url", "secret") VALUES ('we_old', 'org_old', 'https://hooks.example.test/', 'whsec_old')`,
    );
    await client.query(
      `INSERT INTO "WebhookDelivery" ("id", "organizationId", "event", "payload") VALUES ('wd_1', 'org_old', 'incident.opened', '{}'), ('wd_2', 'org_old', 'incident.closed', '{}')`,
    );

    await client.query(fs.readFileSync(MIGRATION, "utf8"));

    await client.query(
      `INSERT INTO "WebhookEndpoint" ("id", "organizationId", "url", "secret") VALUES ('we_new', 'org_new', 'https://hooks.example.test/', 'whsec_new')`,
    );
    await client.query(`INSERT INTO "WebhookDelivery" ("id", "organizationId", "event", "payload") VALUES ('wd_3', 'org_new', 'incident.opened', '{}')`);
    const endpoints = await client.query(`SELECT "id", "legacySignature" FROM "WebhookEndpoint" ORDER BY "id"`);
    expect(endpoints.rows).toEqual([
      { id: "we_new", legacySignature: false },
      { id: "we_old", legacySignature: true },
    ]);
    const ids = (await client.query(`SELECT "messageId" FROM "WebhookDelivery"`)).rows.map((row) => row.messageId);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(3);
  });
});
