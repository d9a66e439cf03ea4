import type pg from "pg";
import { CLIENT_WINDOW_MS, type ActivityRow } from "./usage-recorder";

// A piece of usage to write in one transaction. Its id makes the write
// idempotent: a retry after a lost commit acknowledgement changes nothing.
export type UsageUnit = { id: string; lastUsed: [keyId: string, at: number][]; activity: ActivityRow[] };

const iso = (at: number) => new Date(at).toISOString();

// A flood's overflow rows go into one row per key and outcome per client
// window, whichever instance or flush wrote the first.
async function mergeOverflow(client: pg.PoolClient, row: ActivityRow): Promise<void> {
  await client.query(
    `WITH merged AS (
       UPDATE "KeyActivity" SET "requestCount" = "requestCount" + $4, "lastSeenAt" = greatest("lastSeenAt", $5::timestamptz AT TIME ZONE 'UTC')
       WHERE "id" = (SELECT "id" FROM "KeyActivity"
                     WHERE "keyId" = $1 AND "overflow" AND "outcome" = $3::"KeyOutcome"
                       AND "scope" IS NOT DISTINCT FROM $8::"KeyScope" AND "action" IS NOT DISTINCT FROM $9
                       AND "firstSeenAt" > ($6::timestamptz AT TIME ZONE 'UTC')
                     ORDER BY "firstSeenAt" DESC LIMIT 1)
       RETURNING 1)
     INSERT INTO "KeyActivity" ("keyId", "organizationId", "firstSeenAt", "lastSeenAt", "ipAddress", "scope", "action", "outcome", "requestCount", "overflow")
     SELECT $1, $2, $7::timestamptz AT TIME ZONE 'UTC', $5::timestamptz AT TIME ZONE 'UTC', '*', $8::"KeyScope", $9, $3::"KeyOutcome", $4, true
     WHERE NOT EXISTS (SELECT 1 FROM merged)`,
    [
      row.keyId,
      row.organizationId,
      row.outcome,
      row.requestCount,
      iso(row.lastSeenAt),
      iso(row.lastSeenAt - CLIENT_WINDOW_MS),
      iso(row.firstSeenAt),
      row.scope,
      row.action,
    ],
  );
}

// Last Used is kept to the minute: a key already marked used less than a
// minute before is not written again. Every write of a key row rewrites
// each of the list's indexes (Last Used is one of them, so no update is
// HOT); busy keys are flushed every few seconds, and this turns their
// writes from one per flush into one a minute.
export const LAST_USED_PRECISION_SECONDS = 60;

// $1 key ids, $2 their last use (ISO, UTC), in the same order. Moves Last
// Used forward only, so instances flushing in any order never move it back.
export const UPDATE_LAST_USED_SQL = `UPDATE "SecretKey" AS k SET "lastUsedAt" = v.at
  FROM (SELECT unnest($1::text[]) AS id, (unnest($2::text[])::timestamptz AT TIME ZONE 'UTC') AS at) AS v
  WHERE k."id" = v.id AND (k."lastUsedAt" IS NULL OR k."lastUsedAt" < v.at - make_interval(secs => ${LAST_USED_PRECISION_SECONDS}))`;

export type UsageWriter = {
  write(unit: UsageUnit): Promise<"written" | "already written">;
  purge(olderThan: Date, options?: { batchSize?: number }): Promise<number>;
};

// Rows deleted per statement when purging: each batch is its own short
// transaction, so a day of activity going out never holds locks or bloats
// one transaction, and flushes keep writing in between.
export const PURGE_BATCH = 5_000;

// Writes usage on plain pg (no ORM on the verification path).
export function createUsageWriter(pool: pg.Pool): UsageWriter {
  return {
    async write(unit) {
      const client = await pool.connect();
      // A connection lost while checked out is reported as an "error" event
      // as well as by the query: without a listener it would end the process.
      const ignore = () => {};
      client.on("error", ignore);
      let broken = false;
      try {
        await client.query("BEGIN");
        const claimed = await client.query(`INSERT INTO "UsageWrite" ("id") VALUES ($1) ON CONFLICT DO NOTHING`, [unit.id]);
        if (claimed.rowCount === 0) {
          await client.query("ROLLBACK");
          return "already written";
        }
        if (unit.lastUsed.length > 0) {
          await client.query(UPDATE_LAST_USED_SQL, [unit.lastUsed.map(([id]) => id), unit.lastUsed.map(([, at]) => iso(at))]);
        }
        for (const row of unit.activity.filter((r) => r.overflow)) await mergeOverflow(client, row);
        const rows = unit.activity.filter((r) => !r.overflow);
        if (rows.length > 0) {
          await client.query(
            `INSERT INTO "KeyActivity" ("keyId", "organizationId", "firstSeenAt", "lastSeenAt", "ipAddress", "viaAddress", "userAgent", "scope", "action", "outcome", "requestCount", "overflow")
             SELECT k, o, f::timestamptz AT TIME ZONE 'UTC', l::timestamptz AT TIME ZONE 'UTC', ip, via, ua, s::"KeyScope", a, out::"KeyOutcome", n, ov
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::bool[])
               AS t(k, o, f, l, ip, via, ua, s, a, out, n, ov)`,
            [
              rows.map((r) => r.keyId),
              rows.map((r) => r.organizationId),
              rows.map((r) => iso(r.firstSeenAt)),
              rows.map((r) => iso(r.lastSeenAt)),
              rows.map((r) => r.ipAddress),
              rows.map((r) => r.viaAddress),
              rows.map((r) => r.userAgent),
              rows.map((r) => r.scope),
              rows.map((r) => r.action),
              rows.map((r) => r.outcome),
              rows.map((r) => r.requestCount),
              rows.map((r) => r.overflow),
            ],
          );
        }
        await client.query("COMMIT");
        return "written";
      } catch (error) {
        broken = true;
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        // A connection that failed mid-transaction is not handed out again.
        client.off("error", ignore);
        client.release(broken);
      }
    },
    // In bounded batches; SKIP LOCKED lets instances purging at the same
    // time share the work instead of waiting on each other.
    async purge(olderThan, options = {}) {
      const batchSize = options.batchSize ?? PURGE_BATCH;
      let purged = 0;
      for (;;) {
        const { rowCount } = await pool.query(
          `DELETE FROM "KeyActivity" WHERE "id" IN (
             SELECT "id" FROM "KeyActivity" WHERE "lastSeenAt" < ($1::timestamptz AT TIME ZONE 'UTC') LIMIT $2 FOR UPDATE SKIP LOCKED)`,
          [olderThan.toISOString(), batchSize],
        );
        purged += rowCount ?? 0;
        if ((rowCount ?? 0) < batchSize) break;
        // Lets the verifier's own work run between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await pool.query(`DELETE FROM "UsageWrite" WHERE "writtenAt" < now() - interval '1 day'`);
      return purged;
    },
  };
}
