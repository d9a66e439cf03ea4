import { db } from "@/lib/db/client";
import type { OutcomeCounts } from "./outcome-counts";
import { bucketSeriesSql, bucketSql, inWindowSql, OUTCOME_SUMS, toOutcomeCounts } from "./usage-sql";
import { usageWindow, type UsageRange, type UsageWindow } from "./usage-window";

export type KeyUsageBucket = OutcomeCounts & { start: Date; clients: number; clientsOverflow: boolean };
export type KeyUsage = { window: UsageWindow; buckets: KeyUsageBucket[]; clients: number; clientsOverflow: boolean };

type Row = KeyUsageBucket & { windowClients: number; windowOverflow: boolean };

// One key's requests per hour or UTC day by outcome, with distinct clients
// per bucket and over the whole window (distinct counts do not add up, so
// the window's is counted too), every bucket listed, in one query.
export async function getKeyUsage({
  organizationId,
  keyId,
  range,
  now = new Date(),
}: {
  organizationId: string;
  keyId: string;
  range: UsageRange;
  now?: Date;
}): Promise<KeyUsage> {
  const window = usageWindow(range, now);
  const rows = await db().$queryRaw<Row[]>`
    WITH activity AS (
      SELECT ${bucketSql(window)} AS "bucket", a."ipAddress", a."userAgent", a."outcome", a."requestCount", a."overflow"
      FROM "KeyActivity" a
      WHERE a."organizationId" = ${organizationId} AND a."keyId" = ${keyId} AND ${inWindowSql(window)}
    ), per_bucket AS (
      SELECT a."bucket", ${OUTCOME_SUMS}, bool_or(a."overflow") AS "clientsOverflow"
      FROM activity a GROUP BY a."bucket"
    ), clients AS (
      SELECT DISTINCT a."bucket", a."ipAddress", coalesce(a."userAgent", '') AS "userAgent" FROM activity a WHERE NOT a."overflow"
    ), clients_per_bucket AS (
      SELECT c."bucket", count(*) AS "clients" FROM clients c GROUP BY c."bucket"
    )
    SELECT b."bucket" AS "start",
           coalesce(u."allowed", 0) AS "allowed", coalesce(u."denied", 0) AS "denied", coalesce(u."revoked", 0) AS "revoked",
           coalesce(u."rateLimited", 0) AS "rateLimited", coalesce(c."clients", 0)::int AS "clients", coalesce(u."clientsOverflow", false) AS "clientsOverflow",
           (SELECT count(*) FROM (SELECT DISTINCT "ipAddress", "userAgent" FROM clients) w)::int AS "windowClients",
           (SELECT coalesce(bool_or("clientsOverflow"), false) FROM per_bucket) AS "windowOverflow"
    FROM ${bucketSeriesSql(window)}
    LEFT JOIN per_bucket u ON u."bucket" = b."bucket"
    LEFT JOIN clients_per_bucket c ON c."bucket" = b."bucket"
    ORDER BY b."bucket"`;
  const buckets = rows.map((row) => ({ start: row.start, ...toOutcomeCounts(row), clients: row.clients, clientsOverflow: row.clientsOverflow }));
  return { window, buckets, clients: rows[0]?.windowClients ?? 0, clientsOverflow: rows[0]?.windowOverflow ?? false };
}
