import type { Prisma } from "@/lib/generated/prisma/client";
import { rotationDueSql } from "@/lib/keys/rotation-due-sql";
import { stalenessStatusSql } from "@/lib/keys/staleness-sql";
import { stateWhere } from "@/lib/key-requests/request-state";

export const EXPIRING_WITHIN_DAYS = 14;
export const NAMES_LISTED = 5;
const DAY_MS = 86_400_000;

export type KeyFindings = { count: number; names: string[] };
export type OwnerHygiene = { ownerId: string | null; ownerActive: boolean; stale: KeyFindings; due: KeyFindings; expiring: KeyFindings };

type Row = {
  ownerId: string | null;
  ownerActive: boolean;
  stale: number;
  staleNames: string[] | null;
  due: number;
  dueNames: string[] | null;
  expiring: number;
  expiringNames: string[] | null;
};

// What needs attention among the organization's live keys, by owner:
// counted and named in SQL (a few names each), never by reading every key.
export async function keyHygieneByOwner(tx: Prisma.TransactionClient, organizationId: string, now: Date): Promise<OwnerHygiene[]> {
  const soon = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS);
  const rows = await tx.$queryRaw<Row[]>`
    WITH flagged AS (
      SELECT k."ownerId", k."name", k."createdAt",
        (${stalenessStatusSql(now)}) IN ('stale', 'unused') AS stale,
        ${rotationDueSql(now)} AS due,
        (k."expiresAt" IS NOT NULL AND k."expiresAt" <= ${soon}) AS expiring,
        EXISTS (SELECT 1 FROM "Membership" m WHERE m."organizationId" = k."organizationId" AND m."userId" = k."ownerId") AS "ownerActive"
      FROM "SecretKey" k
      WHERE k."organizationId" = ${organizationId} AND k."deletedAt" IS NULL AND (k."expiresAt" IS NULL OR k."expiresAt" > ${now})
    )
    SELECT "ownerId", bool_or("ownerActive") AS "ownerActive",
      (count(*) FILTER (WHERE stale))::int AS stale,
      (array_agg("name" ORDER BY "createdAt") FILTER (WHERE stale))[1:${NAMES_LISTED}] AS "staleNames",
      (count(*) FILTER (WHERE due))::int AS due,
      (array_agg("name" ORDER BY "createdAt") FILTER (WHERE due))[1:${NAMES_LISTED}] AS "dueNames",
      (count(*) FILTER (WHERE expiring))::int AS expiring,
      (array_agg("name" ORDER BY "createdAt") FILTER (WHERE expiring))[1:${NAMES_LISTED}] AS "expiringNames"
    FROM flagged WHERE stale OR due OR expiring
    GROUP BY "ownerId"`;
  return rows.map((row) => ({
    ownerId: row.ownerId,
    ownerActive: row.ownerActive,
    stale: { count: row.stale, names: row.staleNames ?? [] },
    due: { count: row.due, names: row.dueNames ?? [] },
    expiring: { count: row.expiring, names: row.expiringNames ?? [] },
  }));
}

// Open requests: each requester's own, and all of them for the organization.
export async function openRequests(tx: Prisma.TransactionClient, organizationId: string, now: Date) {
  const rows = await tx.keyRequest.findMany({
    where: { organizationId, OR: [stateWhere("pending", now), stateWhere("approved", now)] },
    select: { name: true, status: true, requestedById: true },
    orderBy: { requestedAt: "asc" },
  });
  return rows;
}
