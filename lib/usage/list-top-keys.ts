import { db } from "@/lib/db/client";
import type { Environment } from "@/lib/keys/key-model";
import type { OutcomeCounts } from "./outcome-counts";
import { DISTINCT_CLIENTS, inWindowSql, OUTCOME_SUMS, toOutcomeCounts } from "./usage-sql";
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
// ones too), busiest first.
export async function listTopKeys({ organizationId, range, now = new Date(), limit = 10 }: { organizationId: string; range: UsageRange; now?: Date; limit?: number }): Promise<TopKey[]> {
  const window = usageWindow(range, now);
  const rows = await db().$queryRaw<TopKey[]>`
    WITH per_key AS (
      SELECT a."keyId", sum(a."requestCount")::float8 AS "requests", ${OUTCOME_SUMS}, ${DISTINCT_CLIENTS}
      FROM "KeyActivity" a
      WHERE a."organizationId" = ${organizationId} AND ${inWindowSql(window)}
      GROUP BY a."keyId"
      ORDER BY "requests" DESC, a."keyId"
      LIMIT ${limit}
    )
    SELECT k."id", k."name", k."displayPrefix", k."lastFour", k."environment"::text AS "environment", k."deletedAt", p.*
    FROM per_key p
    JOIN "SecretKey" k ON k."id" = p."keyId" AND k."organizationId" = ${organizationId}
    ORDER BY p."requests" DESC, k."id"`;
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
