import { Prisma } from "@/lib/generated/prisma/client";
import type { OutcomeCounts } from "./outcome-counts";
import { lastBucketStart, type UsageWindow } from "./usage-window";

// Fragments shared by the usage queries, over "KeyActivity" aliased a.
// Timestamps are stored as UTC without a zone, so date_trunc cuts UTC hours
// and days, and Dates are passed as UTC wall-clock times (::timestamp).

// A row counts in the bucket of its lastSeenAt: a row spans one flush window
// of a few seconds, so that is accurate to a few seconds.
export function inWindowSql(window: UsageWindow): Prisma.Sql {
  return Prisma.sql`a."lastSeenAt" >= ${window.start}::timestamp AND a."lastSeenAt" < ${window.end}::timestamp`;
}

export function bucketSql(window: UsageWindow): Prisma.Sql {
  return Prisma.sql`date_trunc(${window.unit}, a."lastSeenAt")`;
}

// Every bucket of the window, empty ones too, as rows of b(bucket).
export function bucketSeriesSql(window: UsageWindow): Prisma.Sql {
  return Prisma.sql`generate_series(${window.start}::timestamp, ${lastBucketStart(window)}::timestamp, ${`1 ${window.unit}`}::interval) AS b("bucket")`;
}

// Sums are float8 so they come back as numbers; exact far past any count
// (2^53), where int would overflow on a busy organization's day.
export const OUTCOME_SUMS = Prisma.sql`
  coalesce(sum(a."requestCount") FILTER (WHERE a."outcome" = 'ALLOWED'), 0)::float8 AS "allowed",
  coalesce(sum(a."requestCount") FILTER (WHERE a."outcome" = 'DENIED'), 0)::float8 AS "denied",
  coalesce(sum(a."requestCount") FILTER (WHERE a."outcome" = 'REVOKED'), 0)::float8 AS "revoked",
  coalesce(sum(a."requestCount") FILTER (WHERE a."outcome" = 'RATE_LIMITED'), 0)::float8 AS "rateLimited"`;

// A client is an address with a user agent. An overflow row stands for
// clients past the per-key cap, so it is not one client: counts leave it out
// and become a floor, which clientsOverflow says. Clients are counted as
// SELECT DISTINCT (hashed) then count(*): count(DISTINCT …) sorts every row,
// several times slower over a month of activity.

export function toOutcomeCounts(row: OutcomeCounts): OutcomeCounts {
  return { allowed: row.allowed, denied: row.denied, revoked: row.revoked, rateLimited: row.rateLimited };
}
