import { inject, describe, expect, it } from "vitest";
import { migrationAdapterFactory } from "./migration-adapter";

const query = (sql: string) => ({ sql, args: [], argTypes: [] });

describe("migrationAdapterFactory", () => {
  it('reads catalog columns of type name and "char"', async () => {
    const adapter = await migrationAdapterFactory(inject("databaseUrl")).connect();
    try {
      const result = await adapter.queryRaw(query("SELECT datname, datlocprovider FROM pg_database WHERE datname = current_database()"));
      expect(result.rows[0][0]).toMatch(/^sk_test_/);
      expect(typeof result.rows[0][1]).toBe("string");
    } finally {
      await adapter.dispose();
    }
  });

  it("runs a script with a function body in one piece", async () => {
    const adapter = await migrationAdapterFactory(inject("databaseUrl")).connect();
    try {
      await adapter.executeScript(`
        CREATE OR REPLACE FUNCTION pg_temp.sk_twice(x int) RETURNS int AS $$ BEGIN RETURN x * 2; END; $$ LANGUAGE plpgsql;
        CREATE TEMP TABLE sk_probe AS SELECT 1 AS one;`);
    } finally {
      await adapter.dispose();
    }
  });

  it("applies a multi-statement migration through executeRaw (one result per statement)", async () => {
    const adapter = await migrationAdapterFactory(inject("databaseUrl")).connect();
    try {
      await adapter.executeRaw(query("CREATE TEMP TABLE sk_a (id int); CREATE TEMP TABLE sk_b (name name); DROP TABLE sk_a;"));
    } finally {
      await adapter.dispose();
    }
  });

  it("creates a separate shadow database and drops it on dispose", async () => {
    const factory = migrationAdapterFactory(inject("databaseUrl"));
    const shadow = await factory.connectToShadowDb();
    const name = (await shadow.queryRaw(query("SELECT current_database()"))).rows[0][0] as string;
    expect(name).toMatch(/^prisma_migrate_shadow_db_/);
    await shadow.dispose();

    const main = await factory.connect();
    try {
      const left = await main.queryRaw(query(`SELECT count(*)::int FROM pg_database WHERE datname = '${name}'`));
      expect(left.rows[0][0]).toBe(0);
    } finally {
      await main.dispose();
    }
  });
});
