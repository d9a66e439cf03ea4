import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { ENVIRONMENTS, type Environment } from "@/lib/keys/key-model";
import type { OutcomeCounts } from "./outcome-counts";
import { bucketSeriesSql, inWindowSql, OUTCOME_SUMS, toOutcomeCounts } from "./usage-sql";
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
  ENVIRONMENTS.map(
    (environment) => Prisma.sql`coalesce(sum(u."requests") FILTER (WHERE u."environment" = ${environment}), 0)::float8 AS ${Prisma.raw(`"${environment}"`)}`,
  ),
  ", ",
);

// The organization's requests per UTC day and key environment (deleted keys
// included: their traffic happened), and the window's totals by outcome,
// distinct clients and keys used. Activity is summed per key first, so only
// those few sums meet the keys table.
export async function getOrganizationUsage({
  organizationId,
  range,
  now = new Date(),
}: {
  organizationId: string;
  range: UsageRange;
  now?: Date;
}): Promise<OrganizationUsage> {
  const window = usageWindow(range, now);
  const inScope = Prisma.sql`a."organizationId" = ${organizationId} AND ${inWindowSql(window)}`;
  const [buckets, [totals]] = await Promise.all([
    db().$queryRaw<EnvironmentBucket[]>`
      WITH per_key AS (
        SELECT a."keyId", date_trunc('day', a."lastSeenAt") AS "bucket", sum(a."requestCount") AS "requests"
        FROM "KeyActivity" a WHERE ${inScope} GROUP BY 1, 2
      ), usage AS (
        SELECT p."bucket", k."environment"::text AS "environment", sum(p."requests") AS "requests"
        FROM per_key p JOIN "SecretKey" k ON k."id" = p."keyId" AND k."organizationId" = ${organizationId}
        GROUP BY 1, 2
      )
      SELECT b."bucket" AS "start", ${PER_ENVIRONMENT}
      FROM ${bucketSeriesSql(window)}
      LEFT JOIN usage u ON u."bucket" = b."bucket"
      GROUP BY b."bucket"
      ORDER BY b."bucket"`,
    db().$queryRaw<(OutcomeCounts & { clients: number; clientsOverflow: boolean; keysUsed: number })[]>`
      WITH per_key AS (
        SELECT a."keyId", ${OUTCOME_SUMS}, bool_or(a."overflow") AS "overflow"
        FROM "KeyActivity" a WHERE ${inScope} GROUP BY a."keyId"
      ), clients AS (
        SELECT DISTINCT a."ipAddress", coalesce(a."userAgent", '') FROM "KeyActivity" a WHERE ${inScope} AND NOT a."overflow"
      )
      SELECT coalesce(sum(p."allowed"), 0)::float8 AS "allowed", coalesce(sum(p."denied"), 0)::float8 AS "denied",
             coalesce(sum(p."revoked"), 0)::float8 AS "revoked", coalesce(sum(p."rateLimited"), 0)::float8 AS "rateLimited",
             count(*)::int AS "keysUsed", coalesce(bool_or(p."overflow"), false) AS "clientsOverflow",
             (SELECT count(*) FROM clients)::int AS "clients"
      FROM per_key p`,
  ]);
  return { window, buckets, outcomes: toOutcomeCounts(totals), clients: totals.clients, clientsOverflow: totals.clientsOverflow, keysUsed: totals.keysUsed };
}
