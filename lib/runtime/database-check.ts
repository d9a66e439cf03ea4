import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { PROJECT_ROOT } from "@/lib/config/paths";
import type { DatabaseState } from "./readiness";

// The migrations this build ships (prisma/migrations/<name>/migration.sql).
export function shippedMigrations(directory = path.join(PROJECT_ROOT, "prisma", "migrations")): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(directory, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

// One round trip: the database answers, and every shipped migration is
// recorded as applied (not rolled back) in Prisma's own table.
export function databaseCheck(pool: pg.Pool, migrations: string[]): () => Promise<DatabaseState> {
  return async () => {
    try {
      const { rows } = await pool.query<{ applied: number }>(
        `SELECT count(DISTINCT "migration_name")::int AS "applied" FROM "_prisma_migrations"
         WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL AND "migration_name" = ANY($1::text[])`,
        [migrations],
      );
      return rows[0].applied === migrations.length ? "ok" : "migrations pending";
    } catch (error) {
      // No migrations table yet: reachable, nothing applied.
      if ((error as { code?: string }).code === "42P01") return "migrations pending";
      return "unreachable";
    }
  };
}
