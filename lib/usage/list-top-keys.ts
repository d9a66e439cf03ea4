import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/keys/key-model";
import type { OutcomeCounts } from "./outcome-counts";
import { inWindowSql, OUTCOME_SUMS, toOutcomeCounts } from "./usage-sql";
import { usageWindow, type UsageRange } from "./usage-window";

export type TopKey = OutcomeCounts & {
  id: string;
  name: string;
  displayPrefix: string;
  lastFour: string;
  environment: Environment;
  deletedAt: Date | null;
  requests: number;
  clients: number;
  clientsOverflow: boolean;
};

// The organization's keys with the most requests in the window (deleted
// ones too), busiest first; distinct clients are counted for those only.
export async function listTopKeys({
  organizationId,
  range,
  now = new Date(),
  limit = 10,
}: {
  organizationId: string;
  range: UsageRange;
  now?: Date;
  limit?: number;
}): Promise<TopKey[]> {
  const window = usageWindow(range, now);
  const inScope = Prisma.sql`a."organizationId" = ${organizationId} AND ${inWindowSql(window)}`;
  const rows = await db().$queryRaw<TopKey[]>`
    WITH top AS (
      SELECT a."keyId", sum(a."requestCount")::float8 AS "requests", ${OUTCOME_SUMS}, bool_or(a."overflow") AS "clientsOverflow"
      FROM "KeyActivity" a WHERE ${inScope}
      GROUP BY a."keyId"
      ORDER BY "requests" DESC, a."keyId"
      LIMIT ${limit}
    ), clients AS (
      SELECT c."keyId", count(*)::int AS "clients"
      FROM (SELECT DISTINCT a."keyId", a."ipAddress", coalesce(a."userAgent", '') FROM "KeyActivity" a
            WHERE a."keyId" IN (SELECT "keyId" FROM top) AND ${inScope} AND NOT a."overflow") c
      GROUP BY c."keyId"
    )
    SELECT k."id", k."name", k."displayPrefix", k."lastFour", k."environment"::text AS "environment", k."deletedAt",
           t."requests", t."allowed", t."denied", t."revoked", t."rateLimited", t."clientsOverflow", coalesce(c."clients", 0) AS "clients"
    FROM top t
    JOIN "SecretKey" k ON k."id" = t."keyId" AND k."organizationId" = ${organizationId}
    LEFT JOIN clients c ON c."keyId" = t."keyId"
    ORDER BY t."requests" DESC, k."id"`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    displayPrefix: row.displayPrefix,
    lastFour: row.lastFour,
    environment: row.environment,
    deletedAt: row.deletedAt,
    requests: row.requests,
    ...toOutcomeCounts(row),
    clients: row.clients,
    clientsOverflow: row.clientsOverflow,
  }));
}
