import { db } from "@/lib/db/client";
import type { OutcomeCounts } from "./outcome-counts";
import { bucketSeriesSql, bucketSql, DISTINCT_CLIENTS, inWindowSql, OUTCOME_SUMS, toOutcomeCounts } from "./usage-sql";
import { usageWindow, type UsageRange, type UsageWindow } from "./usage-window";

export type KeyUsageBucket = OutcomeCounts & { start: Date; clients: number; clientsOverflow: boolean };
export type KeyUsage = { window: UsageWindow; buckets: KeyUsageBucket[]; clients: number; clientsOverflow: boolean };

type Row = KeyUsageBucket & { total: boolean };

// One key's requests per hour or UTC day by outcome, with distinct clients
// per bucket and over the whole window (a grouping set of its own: distinct
// counts do not add up), in one query.
export async function getKeyUsage({ organizationId, keyId, range, now = new Date() }: { organizationId: string; keyId: string; range: UsageRange; now?: Date }): Promise<KeyUsage> {
  const window = usageWindow(range, now);
  const rows = await db().$queryRaw<Row[]>`
    WITH usage AS (
      SELECT a."bucket", GROUPING(a."bucket") = 1 AS "total", ${OUTCOME_SUMS}, ${DISTINCT_CLIENTS}
      FROM (SELECT ${bucketSql(window)} AS "bucket", a.* FROM "KeyActivity" a
            WHERE a."organizationId" = ${organizationId} AND a."keyId" = ${keyId} AND ${inWindowSql(window)}) a
      GROUP BY GROUPING SETS ((a."bucket"), ())
    )
    SELECT b."bucket" AS "start", false AS "total",
           coalesce(u."allowed", 0) AS "allowed", coalesce(u."denied", 0) AS "denied", coalesce(u."revoked", 0) AS "revoked",
           coalesce(u."rateLimited", 0) AS "rateLimited", coalesce(u."clients", 0) AS "clients", coalesce(u."clientsOverflow", false) AS "clientsOverflow"
    FROM ${bucketSeriesSql(window)}
    LEFT JOIN usage u ON u."bucket" = b."bucket" AND NOT u."total"
    UNION ALL
    SELECT NULL, true, u."allowed", u."denied", u."revoked", u."rateLimited", u."clients", u."clientsOverflow" FROM usage u WHERE u."total"
    ORDER BY "total", "start"`;
  const whole = rows.find((row) => row.total);
  const buckets = rows
    .filter((row) => !row.total)
    .map((row) => ({ start: row.start, ...toOutcomeCounts(row), clients: row.clients, clientsOverflow: row.clientsOverflow }));
  return { window, buckets, clients: whole?.clients ?? 0, clientsOverflow: whole?.clientsOverflow ?? false };
}
