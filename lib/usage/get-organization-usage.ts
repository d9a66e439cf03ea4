import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { ENVIRONMENTS, type Environment } from "@/lib/keys/key-model";
import type { OutcomeCounts } from "./outcome-counts";
import { bucketSeriesSql, DISTINCT_CLIENTS, inWindowSql, OUTCOME_SUMS, toOutcomeCounts } from "./usage-sql";
import { usageWindow, type UsageRange, type UsageWindow } from "./usage-window";

export type EnvironmentBucket = { start: Date } & Record<Environment, number>;
export type OrganizationUsage = {
  window: UsageWindow;
  buckets: EnvironmentBucket[];
  outcomes: OutcomeCounts;
  clients: number;
  clientsOverflow: boolean;
  keysUsed: number;
};

// One column per environment (names from the fixed list, never from input).
const PER_ENVIRONMENT = Prisma.join(
  ENVIRONMENTS.map((environment) => Prisma.sql`coalesce(sum(u."requests") FILTER (WHERE u."environment" = ${environment}), 0)::float8 AS ${Prisma.raw(`"${environment}"`)}`),
  ", ",
);

// The organization's requests per UTC day and key environment (deleted keys
// included: their traffic happened), and the window's totals by outcome,
// distinct clients and keys used.
export async function getOrganizationUsage({ organizationId, range, now = new Date() }: { organizationId: string; range: UsageRange; now?: Date }): Promise<OrganizationUsage> {
  const window = usageWindow(range, now);
  const [buckets, [totals]] = await Promise.all([
    db().$queryRaw<EnvironmentBucket[]>`
      WITH usage AS (
        SELECT date_trunc('day', a."lastSeenAt") AS "bucket", k."environment"::text AS "environment", sum(a."requestCount") AS "requests"
        FROM "KeyActivity" a
        JOIN "SecretKey" k ON k."id" = a."keyId" AND k."organizationId" = a."organizationId"
        WHERE a."organizationId" = ${organizationId} AND ${inWindowSql(window)}
        GROUP BY 1, 2
      )
      SELECT b."bucket" AS "start", ${PER_ENVIRONMENT}
      FROM ${bucketSeriesSql(window)}
      LEFT JOIN usage u ON u."bucket" = b."bucket"
      GROUP BY b."bucket"
      ORDER BY b."bucket"`,
    db().$queryRaw<(OutcomeCounts & { clients: number; clientsOverflow: boolean; keysUsed: number })[]>`
      SELECT ${OUTCOME_SUMS}, ${DISTINCT_CLIENTS}, count(DISTINCT a."keyId")::int AS "keysUsed"
      FROM "KeyActivity" a
      WHERE a."organizationId" = ${organizationId} AND ${inWindowSql(window)}`,
  ]);
  return { window, buckets, outcomes: toOutcomeCounts(totals), clients: totals.clients, clientsOverflow: totals.clientsOverflow, keysUsed: totals.keysUsed };
}
