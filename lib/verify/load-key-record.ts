import type pg from "pg";
import type { KeyRecord } from "./key-record";

const LOAD_KEY_RECORD_SQL = `SELECT "id", "organizationId", "name", "environment", "scopes"::text[] AS "scopes", "permission", "restrictedActions",
           (EXTRACT(EPOCH FROM "expiresAt") * 1000)::float8 AS "expiresAt",
           (EXTRACT(EPOCH FROM "deletedAt") * 1000)::float8 AS "deletedAt",
           "rateLimitPerMinute"
         FROM "SecretKey" WHERE "hash" = $1`;

// One indexed lookup by the key's HMAC (unique index on "hash"). Times come
// back as epoch milliseconds, whatever the server's or the process's time
// zone. Directly on PostgreSQL it is a named prepared statement: parsed and
// planned once per connection. Through a pooler in transaction mode
// (PgBouncer before 1.21 does not track prepared statements) the next
// lookup may land on a server connection that never saw the statement
// ("prepared statement ... does not exist"), so there it is unnamed: parsed
// on every lookup, which only cache misses pay (see README, Production).
export function keyRecordLoader(pool: pg.Pool, options: { prepared?: boolean } = {}): (hash: string) => Promise<KeyRecord | null> {
  const statement: pg.QueryConfig = options.prepared === false ? { text: LOAD_KEY_RECORD_SQL } : { name: "verify-load-key-record", text: LOAD_KEY_RECORD_SQL };
  return async (hash) => {
    const { rows } = await pool.query<KeyRecord>({ ...statement, values: [hash] });
    const row = rows[0];
    if (!row) return null;
    return { ...row, restrictedActions: row.restrictedActions ?? null };
  };
}
