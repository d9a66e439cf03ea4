import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { KeySortColumn, ListKeysQuery } from "./list-keys-query";
import type { Environment, PermissionLevel, Scope } from "./key-model";
import { toKeySummary, type KeySummary } from "./key-summary";
import { rotationDueSql } from "./rotation-due-sql";
import { NO_ACTIVE_OWNER } from "./key-owner-groups";
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
  owner: Prisma.sql`lower(ou."name")`,
};

// The key, its creator, its owner and the owner's membership in the key's
// organization (none: a former member, or no owner).
const FROM = Prisma.sql`"SecretKey" k
    LEFT JOIN "User" u ON u."id" = k."createdById"
    LEFT JOIN "User" ou ON ou."id" = k."ownerId"
    LEFT JOIN "Membership" om ON om."userId" = k."ownerId" AND om."organizationId" = k."organizationId"`;
// Keys by owner, owners by name (the id parts two of the same name), then
// the keys without an active owner.
const GROUP_ORDER = Prisma.sql`(om."id" IS NULL), lower(CASE WHEN om."id" IS NULL THEN NULL ELSE ou."name" END), CASE WHEN om."id" IS NULL THEN NULL ELSE k."ownerId" END`;
const GROUP_KEY = Prisma.sql`CASE WHEN om."id" IS NULL THEN ${NO_ACTIVE_OWNER} ELSE k."ownerId" END`;

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
  ownerId: string | null;
  ownerName: string | null;
  ownerActive: boolean;
  team: string | null;
  description: string | null;
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// The owner filter as SQL: "me" is the viewer (no viewer: nobody).
function ownerCondition(owner: string, viewerId: string | undefined): Prisma.Sql {
  if (owner === "none") return Prisma.sql`om."id" IS NULL`;
  const ownerId = owner === "me" ? viewerId : owner;
  return ownerId ? Prisma.sql`k."ownerId" = ${ownerId}` : Prisma.sql`FALSE`;
}

// One page of an organization's live keys, filtered and sorted in SQL so it
// stays fast with many thousands of keys. Grouped by owner, the page also
// gets each owner group's count over every page.
export async function listKeys(
  organizationId: string,
  query: ListKeysQuery,
  now = new Date(),
  options: { viewerId?: string } = {},
): Promise<{ rows: KeySummary[]; total: number; page: number; pageCount: number; groups: { group: string; count: number }[] }> {
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
  if (query.owner) conditions.push(ownerCondition(query.owner, options.viewerId));
  const where = Prisma.join(conditions, " AND ");

  const [{ total }] = await db().$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM ${FROM} WHERE ${where}`;
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, pageCount);

  // Never-used keys sort as the oldest use.
  const direction = query.dir === "asc" ? Prisma.sql`ASC NULLS FIRST` : Prisma.sql`DESC NULLS LAST`;
  const grouped = query.group === "owner";
  const rows = await db().$queryRaw<Row[]>`
    SELECT k."id", k."name", k."environment", k."scopes"::text[] AS "scopes", k."permission", k."restrictedActions",
           k."displayPrefix", k."lastFour", k."createdAt", k."lastUsedAt", k."expiresAt", k."deletedAt",
           k."rotatedAt", k."rotatedToId", k."rateLimitPerMinute", u."name" AS "createdByName",
           k."ownerId", ou."name" AS "ownerName", (om."id" IS NOT NULL) AS "ownerActive", k."team", k."description"
    FROM ${FROM}
    WHERE ${where}
    ORDER BY ${grouped ? Prisma.sql`${GROUP_ORDER}, ` : Prisma.empty}${ORDER_BY[query.sort]} ${direction}, k."id" ${query.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`}
    LIMIT ${query.pageSize} OFFSET ${(page - 1) * query.pageSize}`;
  const groups = grouped
    ? await db().$queryRaw<{ group: string; count: number }[]>`
        SELECT ${GROUP_KEY} AS "group", count(*)::int AS "count" FROM ${FROM} WHERE ${where} GROUP BY 1`
    : [];
  return { rows: rows.map(toKeySummary), total, page, pageCount, groups };
}
