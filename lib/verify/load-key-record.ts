import type pg from "pg";
import type { KeyRecord } from "./key-record";

// One indexed lookup by the key's HMAC (unique index on "hash"), as a named
// prepared statement on the verifier's own pool: parsed and planned once per
// connection, and no query compiler on the hot path. Times come back as
// epoch milliseconds, whatever the server's or the process's time zone.
const LOAD_KEY_RECORD: pg.QueryConfig = {
  name: "verify-load-key-record",
  text: `SELECT "id", "organizationId", "name", "environment", "scopes"::text[] AS "scopes", "permission", "restrictedActions",
           (EXTRACT(EPOCH FROM "expiresAt") * 1000)::float8 AS "expiresAt",
           (EXTRACT(EPOCH FROM "deletedAt") * 1000)::float8 AS "deletedAt",
           "rateLimitPerMinute"
         FROM "SecretKey" WHERE "hash" = $1`,
};

export function keyRecordLoader(pool: pg.Pool): (hash: string) => Promise<KeyRecord | null> {
  return async (hash) => {
    const { rows } = await pool.query<KeyRecord>({ ...LOAD_KEY_RECORD, values: [hash] });
    const row = rows[0];
    if (!row) return null;
    return { ...row, restrictedActions: row.restrictedActions ?? null };
  };
}
