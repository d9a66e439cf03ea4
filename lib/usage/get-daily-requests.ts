import { db } from "@/lib/db/client";
import { bucketSeriesSql, inWindowSql } from "./usage-sql";
import { usageWindow } from "./usage-window";

// Requests per UTC day over the last 7 days (today last) for each of the
// given keys of the organization, in one query for a whole page of keys.
// A key of another organization gets zeros.
export async function getDailyRequests({
  organizationId,
  keyIds,
  now = new Date(),
}: {
  organizationId: string;
  keyIds: string[];
  now?: Date;
}): Promise<Record<string, number[]>> {
  const ids = [...new Set(keyIds)];
  if (ids.length === 0) return {};
  const window = usageWindow("7d", now);
  const rows = await db().$queryRaw<{ keyId: string; requests: number }[]>`
    WITH usage AS (
      SELECT a."keyId", date_trunc('day', a."lastSeenAt") AS "bucket", sum(a."requestCount") AS "requests"
      FROM "KeyActivity" a
      WHERE a."organizationId" = ${organizationId} AND a."keyId" = ANY(${ids}::text[]) AND ${inWindowSql(window)}
      GROUP BY 1, 2
    )
    SELECT k."id" AS "keyId", coalesce(u."requests", 0)::float8 AS "requests"
    FROM unnest(${ids}::text[]) AS k("id")
    CROSS JOIN ${bucketSeriesSql(window)}
    LEFT JOIN usage u ON u."keyId" = k."id" AND u."bucket" = b."bucket"
    ORDER BY k."id", b."bucket"`;
  const byKey: Record<string, number[]> = {};
  for (const row of rows) (byKey[row.keyId] ??= []).push(row.requests);
  return byKey;
}
