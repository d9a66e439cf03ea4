import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey } from "@/lib/keys/delete-key";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { startVerifyServer, verifyCall } from "@/lib/testing/verify-server";

// Two URLs for the same database, told apart by their application name, as
// a pooler's (DATABASE_URL) and PostgreSQL's own (DIRECT_DATABASE_URL) would be.
function named(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("application_name", name);
  return parsed.toString();
}

const admin = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
afterAll(() => admin.end());

async function connectionsNamed(name: string): Promise<string[]> {
  const { rows } = await admin.query<{ query: string }>(
    `SELECT "query" FROM pg_stat_activity WHERE "application_name" = $1 AND "datname" = current_database()`,
    [name],
  );
  return rows.map((row) => row.query);
}

describe("the verifier behind a pooler", () => {
  it("listens on the direct connection, looks keys up through the pooled one, and still refuses a deleted key at once", async () => {
    const direct = `direct-${process.pid}`;
    const pooled = `pooled-${process.pid}`;
    const server = await startVerifyServer({
      databaseUrl: named(process.env.DATABASE_URL!, pooled),
      directDatabaseUrl: named(process.env.DATABASE_URL!, direct),
    });
    try {
      const { actors } = await createOrganizationWithAllRoles();
      const { key, secret } = await createKey({
        actor: actors.OWNER,
        input: { name: "Behind a pooler", environment: "DEVELOPMENT", permission: "FULL", expiresInDays: "never" },
      });
      expect((await verifyCall(server.url, { key: secret, scope: "dataset", action: "read" })).status).toBe(200);

      await expect.poll(() => connectionsNamed(direct)).toEqual([expect.stringMatching(/^LISTEN secret_key_changed/)]);
      const lookups = await connectionsNamed(pooled);
      expect(lookups.length).toBeGreaterThan(0);
      // The session-scoped LISTEN never goes through the pooler.
      expect(lookups.some((query) => query.startsWith("LISTEN"))).toBe(false);

      await deleteKey({ actor: actors.OWNER, input: { keyId: key.id } });
      await expect.poll(async () => (await verifyCall(server.url, { key: secret, scope: "dataset", action: "read" })).status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
