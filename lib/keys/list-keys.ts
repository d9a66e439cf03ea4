import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { KeySortColumn, ListKeysQuery } from "./list-keys-query";
import type { Environment, PermissionLevel, Scope } from "./key-model";
import { toKeySummary, type KeySummary } from "./key-summary";
import { rotationDueSql } from "./rotation-due-sql";
import { staleThresholds } from "./staleness";

// Whitelisted ORDER BY expressions; the id breaks ties so pages never overlap.
const ORDER_BY: Record<KeySortColumn, Prisma.Sql> = {
  name: Prisma.sql`lower(k."name")`,
  scopes: Prisma.sql`k."scopes"::text[]`,
  permission: Prisma.sql`k."permission"`,
  environment: Prisma.sql`k."environment"`,
  createdAt: Prisma.sql`k."createdAt"`,
  lastUsedAt: Prisma.sql`k."lastUsedAt"`,
  createdBy: Prisma.sql`lower(u."name")`,
};

type Row = {
  id: string;
  name: string;
  environment: Environment;
  scopes: Scope[];
  permission: PermissionLevel;
  restrictedActions: unknown;
  displayPrefix: string;
  lastFour: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  deletedAt: Date | null;
  rotatedAt: Date | null;
  rotatedToId: string | null;
  rateLimitPerMinute: number | null;
  createdByName: string | null;
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// One page of an organization's live keys, filtered and sorted in SQL so it
// stays fast with many thousands of keys.
export async function listKeys(
  organizationId: string,
  query: ListKeysQuery,
  now = new Date(),
): Promise<{ rows: KeySummary[]; total: number; page: number; pageCount: number }> {
  const conditions: Prisma.Sql[] = [Prisma.sql`k."organizationId" = ${organizationId}`, Prisma.sql`k."deletedAt" IS NULL`];
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(Prisma.sql`(k."name" ILIKE ${pattern} OR k."displayPrefix" ILIKE ${pattern})`);
  }
  if (query.scope) conditions.push(Prisma.sql`${query.scope}::text = ANY(k."scopes"::text[])`);
  if (query.permission) conditions.push(Prisma.sql`k."permission"::text = ${query.permission}`);
  if (query.environment) conditions.push(Prisma.sql`k."environment"::text = ${query.environment}`);
  if (query.stale) {
    const { lastUsedBefore, createdBefore } = staleThresholds(now);
    conditions.push(Prisma.sql`(k."lastUsedAt" < ${lastUsedBefore} OR (k."lastUsedAt" IS NULL AND k."createdAt" < ${createdBefore}))`);
  }
  if (query.due) conditions.push(rotationDueSql(now));
  const where = Prisma.join(conditions, " AND ");

  const [{ total }] = await db().$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM "SecretKey" k WHERE ${where}`;
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, pageCount);

  // Never-used keys sort as the oldest use.
  const direction = query.dir === "asc" ? Prisma.sql`ASC NULLS FIRST` : Prisma.sql`DESC NULLS LAST`;
  const rows = await db().$queryRaw<Row[]>`
    SELECT k."id", k."name", k."environment", k."scopes"::text[] AS "scopes", k."permission", k."restrictedActions",
           k."displayPrefix", k."lastFour", k."createdAt", k."lastUsedAt", k."expiresAt", k."deletedAt",
           k."rotatedAt", k."rotatedToId", k."rateLimitPerMinute", u."name" AS "createdByName"
    FROM "SecretKey" k
    LEFT JOIN "User" u ON u."id" = k."createdById"
    WHERE ${where}
    ORDER BY ${ORDER_BY[query.sort]} ${direction}, k."id" ${query.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`}
    LIMIT ${query.pageSize} OFFSET ${(page - 1) * query.pageSize}`;
  return { rows: rows.map(toKeySummary), total, page, pageCount };
}
