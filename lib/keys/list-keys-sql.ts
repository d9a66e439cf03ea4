import { Prisma } from "@/lib/generated/prisma/client";
import type { InnerSort, KeyOrder, SortPartType } from "./key-order";
import type { ListCursor } from "./list-cursor";
import type { ListKeysQuery } from "./list-keys-query";
import { NO_ACTIVE_OWNER } from "./key-owner-groups";
import { rotationDueSql } from "./rotation-due-sql";
import type { SearchMode } from "./search-mode";
import { staleThresholds } from "./staleness";

// The SQL of the keys list (list-keys.ts runs it). Every expression here is
// a constant of this file; values only ever travel as parameters.

// The key, its creator, its owner and the owner's membership in the key's
// organization (none: a former member, or no owner).
export const FROM = Prisma.sql`"SecretKey" k
    LEFT JOIN "User" u ON u."id" = k."createdById"
    LEFT JOIN "User" ou ON ou."id" = k."ownerId"
    LEFT JOIN "Membership" om ON om."userId" = k."ownerId" AND om."organizationId" = k."organizationId"`;

export const COLUMNS = Prisma.sql`k."id", k."name", k."environment", k."scopes"::text[] AS "scopes", k."permission", k."restrictedActions",
    k."displayPrefix", k."lastFour", k."createdAt", k."lastUsedAt", k."expiresAt", k."deletedAt",
    k."rotatedAt", k."rotatedToId", k."rateLimitPerMinute", u."name" AS "createdByName",
    k."ownerId", ou."name" AS "ownerName", (om."id" IS NOT NULL) AS "ownerActive", k."team", k."description"`;

// Each sort's key, written exactly as in the indexes of
// 20261128140000_keys_list_scale so the planner walks them.
const INNER: Record<InnerSort, Prisma.Sql[]> = {
  name: [Prisma.sql`(lower(k."name") COLLATE "C")`],
  createdAt: [Prisma.sql`k."createdAt"`],
  lastUsedAt: [Prisma.sql`COALESCE(k."lastUsedAt", '-infinity'::timestamp(3))`],
  scopes: [Prisma.sql`k."scopes"`],
  permission: [Prisma.sql`k."permission"`],
  environment: [Prisma.sql`k."environment"`],
  creator: [Prisma.sql`COALESCE(lower(u."name") COLLATE "C", '')`, Prisma.sql`COALESCE(k."createdById", '')`],
  none: [],
};

export const CAST: Record<SortPartType, Prisma.Sql> = {
  text: Prisma.raw("::text"),
  timestamp: Prisma.raw("::timestamp(3)"),
  permission: Prisma.raw(`::"PermissionLevel"`),
  environment: Prisma.raw(`::"KeyEnvironment"`),
  scopes: Prisma.raw(`::"KeyScope"[]`),
  rank: Prisma.raw("::int"),
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// Search: any part of the name or key prefix by trigram; else the start of
// the name, or of the key prefix when the text looks like one. `onLower`
// writes the trigram test on lower(), as the person indexes store it (in a
// UTF-8 database ILIKE is exactly lower() LIKE lower()).
function searchCondition(q: string, mode: SearchMode, onLower: boolean): Prisma.Sql {
  const escaped = escapeLike(q);
  // Under three characters there is no trigram to look up, and the planner
  // would read the whole trigram index: the same test on lower(), which that
  // index does not cover, walks the sort's index instead.
  if (mode === "trigram" && (onLower || [...q].length < 3)) {
    return Prisma.sql`(lower(k."name") LIKE lower(${`%${escaped}%`}) OR lower(k."displayPrefix") LIKE lower(${`%${escaped}%`}))`;
  }
  if (mode === "trigram") return Prisma.sql`(k."name" ILIKE ${`%${escaped}%`} OR k."displayPrefix" ILIKE ${`%${escaped}%`})`;
  if (q.startsWith("skml_")) return Prisma.sql`k."displayPrefix" LIKE ${`${escaped}%`}`;
  return Prisma.sql`(lower(k."name") COLLATE "C") LIKE (lower(${escaped}) || '%')`;
}

// Keys without an active owner: none, or one who is not a member. Written
// against the members' ids (computed once per query) rather than the
// membership join, so the planner keeps walking the sort's index and stops
// after a page instead of joining every key (1.5 s at a million keys).
function withoutActiveOwner(organizationId: string): Prisma.Sql {
  return Prisma.sql`(k."ownerId" IS NULL OR k."ownerId" <> ALL(ARRAY(SELECT m."userId" FROM "Membership" m WHERE m."organizationId" = ${organizationId})))`;
}

// The owner filter as SQL: "me" is the viewer (no viewer: nobody).
function ownerCondition(owner: string, organizationId: string, viewerId: string | undefined): Prisma.Sql {
  if (owner === "none") return withoutActiveOwner(organizationId);
  const ownerId = owner === "me" ? viewerId : owner;
  return ownerId ? Prisma.sql`k."ownerId" = ${ownerId}` : Prisma.sql`FALSE`;
}

type WhereOptions = { viewerId?: string; searchMode: SearchMode; searchOnLower?: boolean };

// The organization's live keys that pass the filters. The tenant scope is
// the first condition of every list query, whatever a cursor says.
// `searchOnLower`: the search as the person indexes hold it, for the walks
// that read their keys there (see coveredRowsSql).
export function whereSql(organizationId: string, query: ListKeysQuery, now: Date, options: WhereOptions): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`k."organizationId" = ${organizationId}`, Prisma.sql`k."deletedAt" IS NULL`];
  if (query.q) conditions.push(searchCondition(query.q, options.searchMode, options.searchOnLower ?? false));
  if (query.scope) conditions.push(Prisma.sql`${query.scope}::"KeyScope" = ANY(k."scopes")`);
  if (query.permission) conditions.push(Prisma.sql`k."permission" = ${query.permission}::"PermissionLevel"`);
  if (query.environment) conditions.push(Prisma.sql`k."environment" = ${query.environment}::"KeyEnvironment"`);
  if (query.stale) {
    // Written on the Last Used sort key, so that index serves it too.
    const { lastUsedBefore, createdBefore } = staleThresholds(now);
    conditions.push(
      Prisma.sql`(COALESCE(k."lastUsedAt", '-infinity'::timestamp(3)) < ${lastUsedBefore} AND (k."lastUsedAt" IS NOT NULL OR k."createdAt" < ${createdBefore}))`,
    );
  }
  if (query.due) conditions.push(rotationDueSql(now));
  if (query.owner) conditions.push(ownerCondition(query.owner, organizationId, options.viewerId));
  return Prisma.join(conditions, " AND ");
}

const list = (items: Prisma.Sql[]) => Prisma.join(items, ", ");
const params = (values: string[], types: SortPartType[]) => values.map((value, i) => Prisma.sql`${value}${CAST[types[i]]}`);
const direction = (descending: boolean) => Prisma.raw(descending ? "DESC" : "ASC");
const partColumns = (exprs: Prisma.Sql[], from: number) => exprs.map((expr, i) => Prisma.sql`(${expr})::text AS ${Prisma.raw(`"s${from + i}"`)}`);

export type Travel = { cursor: ListCursor | null; groupsDescending: boolean; innerDescending: boolean; limit: number };

// Rows from a position on, in one index's order.
export function plainPageSql(order: KeyOrder, where: Prisma.Sql, travel: Travel): Prisma.Sql {
  const exprs = INNER[order.inner];
  const desc = travel.innerDescending;
  const keyset = travel.cursor
    ? Prisma.sql`AND (${list([...exprs, Prisma.sql`k."id"`])}) ${Prisma.raw(desc ? "<" : ">")} (${list([...params(travel.cursor.values, order.innerParts), Prisma.sql`${travel.cursor.id}`])})`
    : Prisma.empty;
  return Prisma.sql`SELECT ${COLUMNS}, ${list(partColumns(exprs, 0))}
    FROM ${FROM} WHERE ${where} ${keyset}
    ORDER BY ${list([...exprs.map((expr) => Prisma.sql`${expr} ${direction(desc)}`), Prisma.sql`k."id" ${direction(desc)}`])}
    LIMIT ${travel.limit}`;
}

const personColumn = (order: KeyOrder) => Prisma.raw(order.person === "owner" ? `k."ownerId"` : `k."createdById"`);

// The groups a walk goes through, as g0, g1 (, g2).
function groupsSql(order: KeyOrder, organizationId: string): Prisma.Sql {
  if (order.walk === "owners") {
    return Prisma.sql`"groups" AS (
      SELECT 0 AS g0, lower(u."name") COLLATE "C" AS g1, m."userId" AS g2
      FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE m."organizationId" = ${organizationId}
      UNION ALL SELECT 1, '' COLLATE "C", '')`;
  }
  const column = personColumn(order);
  const live = Prisma.sql`k."organizationId" = ${organizationId} AND k."deletedAt" IS NULL`;
  // The distinct people among the keys, one index probe each (a loose index scan).
  return Prisma.sql`"people"(pid) AS (
      (SELECT ${column} FROM "SecretKey" k WHERE ${live} AND ${column} IS NOT NULL ORDER BY ${column} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${column} FROM "SecretKey" k WHERE ${live} AND ${column} > p.pid ORDER BY ${column} LIMIT 1) FROM "people" p WHERE p.pid IS NOT NULL),
    "groups" AS (
      SELECT COALESCE(lower(u."name") COLLATE "C", '') AS g0, p.pid AS g1 FROM "people" p LEFT JOIN "User" u ON u."id" = p.pid WHERE p.pid IS NOT NULL
      UNION ALL
      SELECT '' COLLATE "C", '' WHERE EXISTS (SELECT 1 FROM "SecretKey" k WHERE ${live} AND ${column} IS NULL))`;
}

// Which keys belong to group g: one branch per kind of group, each served by
// its own index.
function branchConditions(order: KeyOrder, organizationId: string): Prisma.Sql[] {
  if (order.walk === "owners") return [Prisma.sql`g.g0 = 0 AND k."ownerId" = g.g2`, Prisma.sql`g.g0 = 1 AND ${withoutActiveOwner(organizationId)}`];
  const column = personColumn(order);
  return [Prisma.sql`g.g1 <> '' AND ${column} = g.g1`, Prisma.sql`g.g1 = '' AND ${column} IS NULL`];
}

// Up to `limit` keys that pass `filter`, in `orderBy`, with their columns
// and `extra`: the keys are chosen first, by id alone, then joined for the
// rest. On the person indexes (by creator, by owner, by owner and creator),
// which also hold the name, key prefix, permission, environment, scopes and
// the other person, the choice reads the index alone (on pages the vacuum
// has marked all-visible), so a person whose keys a filter never matches
// costs an index scan, not a table read per key (150 ms per 40,000 keys at
// a million, sorted by creator and searching for a sixth of the names).
// Filters the index does not hold (stale, rotation due), and the walks on
// the other owner indexes, read the table as before.
export function coveredRowsSql(extra: Prisma.Sql, filter: Prisma.Sql, orderBy: Prisma.Sql, limit: number): Prisma.Sql {
  return Prisma.sql`SELECT ${COLUMNS}, ${extra}
    FROM (SELECT k."id" FROM "SecretKey" k WHERE ${filter} ORDER BY ${orderBy} LIMIT ${limit}) chosen
    JOIN (${FROM}) ON k."id" = chosen."id"
    ORDER BY ${orderBy} LIMIT ${limit}`;
}

// Rows from a position on, group by group: the groups in order, and within
// each the keys in the sort's order, each group's rows read by index and
// only as far as the page needs. Each row carries "rank", its place in its
// group's order from the position on (1, 2, …).
//
// `ordered: "groups"` sorts by the groups alone and leaves each group's rows
// as its branch gives them, in rank order: the planner then stops at the
// page's last row, where a sort by the whole key must first see a row of
// the next group that has any, which costs a scan of every group between
// that match none (30 ms at a million keys, sorted by creator, searching
// 'label'). SQL does not promise that order, so the caller checks the ranks
// (walkRowsInRankOrder) and asks again with `ordered: "rows"` if not.
export function walkPageSql(order: KeyOrder, organizationId: string, where: Prisma.Sql, travel: Travel, ordered: "groups" | "rows" = "rows"): Prisma.Sql {
  const groupCols = order.groupParts.map((_, i) => Prisma.raw(`g.g${i}`));
  const inner = INNER[order.inner];
  const [gDesc, iDesc] = [travel.groupsDescending, travel.innerDescending];
  const cursor = travel.cursor;
  const cursorGroup = cursor ? params(cursor.values.slice(0, groupCols.length), order.groupParts) : [];
  const cursorInner = cursor ? params(cursor.values.slice(groupCols.length), order.innerParts) : [];
  const innerKeyset = cursor
    ? Prisma.sql`AND ((${list(groupCols)}) <> (${list(cursorGroup)}) OR (${list([...inner, Prisma.sql`k."id"`])}) ${Prisma.raw(iDesc ? "<" : ">")} (${list([...cursorInner, Prisma.sql`${cursor.id}`])}))`
    : Prisma.empty;
  const outerKeyset = cursor ? Prisma.sql`WHERE (${list(groupCols)}) ${Prisma.raw(gDesc ? "<=" : ">=")} (${list(cursorGroup)})` : Prisma.empty;
  const innerOrder = list([...inner.map((expr) => Prisma.sql`${expr} ${direction(iDesc)}`), Prisma.sql`k."id" ${direction(iDesc)}`]);
  // A person's keys are read in their index's order, person first: for the
  // keys without one (IS NULL, which is no equality) the planner would
  // otherwise not see that the index gives them in id order, and walk every
  // key of the table by id instead (180 ms at a million).
  const branchOrder = order.walk === "people" ? Prisma.sql`${personColumn(order)} ${direction(iDesc)}, ${innerOrder}` : innerOrder;
  // Each row carries its position as text (s0…, for the cursor) and its
  // inner sort values as they are (o0…, for the order across groups).
  const positionColumns = [
    ...groupCols.map((col, i) => Prisma.sql`${col}::text AS ${Prisma.raw(`"s${i}"`)}`),
    ...partColumns(inner, groupCols.length),
    ...inner.map((expr, i) => Prisma.sql`${expr} AS ${Prisma.raw(`"o${i}"`)}`),
  ];
  // Sorted by creator within an owner's group, the order needs the
  // creator's name, which no index of keys holds. Its rows are ranked after
  // the LIMIT: a window beside it would make the planner sort every key of
  // the group instead of keeping the top few.
  const rankedOn = list([...inner.map((_, i) => Prisma.sql`b.${Prisma.raw(`"o${i}"`)} ${direction(iDesc)}`), Prisma.sql`b."id" ${direction(iDesc)}`]);
  const branches = branchConditions(order, organizationId).map((condition) =>
    order.inner === "creator"
      ? Prisma.sql`(SELECT b.*, (row_number() OVER (ORDER BY ${rankedOn}))::int AS "rank" FROM (SELECT ${COLUMNS}, ${list(positionColumns)}
        FROM ${FROM} WHERE ${where} AND ${condition} ${innerKeyset}
        ORDER BY ${innerOrder} LIMIT ${travel.limit}) b)`
      : Prisma.sql`(${coveredRowsSql(
          list([...positionColumns, Prisma.sql`(row_number() OVER (ORDER BY ${branchOrder}))::int AS "rank"`]),
          Prisma.sql`${where} AND ${condition} ${innerKeyset}`,
          branchOrder,
          travel.limit,
        )})`,
  );
  // The groups come sorted, so the planner reads them in turn and stops
  // once the page is full (with `ordered: "rows"`, sorting each group's rows
  // as it goes: an incremental sort), instead of reading every group's keys
  // to sort them all (3 s at a million keys, sorted by creator, searching).
  const groupsInOrder = list(order.groupParts.map((_, i) => Prisma.sql`${Prisma.raw(`g${i}`)} ${direction(gDesc)}`));
  return Prisma.sql`WITH RECURSIVE ${groupsSql(order, organizationId)}
    SELECT x.* FROM (SELECT * FROM "groups" ORDER BY ${groupsInOrder}) g CROSS JOIN LATERAL (${Prisma.join(branches, " UNION ALL ")}) x
    ${outerKeyset}
    ORDER BY ${list([
      ...groupCols.map((col) => Prisma.sql`${col} ${direction(gDesc)}`),
      ...(ordered === "rows"
        ? [...inner.map((_, i) => Prisma.sql`${Prisma.raw(`x."o${i}"`)} ${direction(iDesc)}`), Prisma.sql`x."id" ${direction(iDesc)}`]
        : []),
    ])}
    LIMIT ${travel.limit}`;
}

// Whether a walk's rows, read with `ordered: "groups"`, came in their
// groups' order: each group's ranks 1, 2, 3… in turn (`groupOf` names a
// row's group; the groups themselves come sorted by SQL).
export function walkRowsInRankOrder<Row extends { rank: number }>(rows: Row[], groupOf: (row: Row) => string): boolean {
  return rows.every((row, i) => row.rank === (i > 0 && groupOf(rows[i - 1]) === groupOf(row) ? rows[i - 1].rank + 1 : 1));
}

// Each key's group, computed from the key and its joins: the same values
// as the walk's groups (groupsSql, branchConditions).
function groupExprs(order: KeyOrder): Prisma.Sql[] {
  if (order.walk === "owners") {
    return [
      Prisma.sql`(CASE WHEN om."id" IS NOT NULL THEN 0 ELSE 1 END)`,
      Prisma.sql`((CASE WHEN om."id" IS NOT NULL THEN lower(ou."name") ELSE '' END) COLLATE "C")`,
      Prisma.sql`(CASE WHEN om."id" IS NOT NULL THEN k."ownerId" ELSE '' END)`,
    ];
  }
  const [person, column] =
    order.person === "owner" ? [Prisma.raw(`ou."name"`), Prisma.raw(`k."ownerId"`)] : [Prisma.raw(`u."name"`), Prisma.raw(`k."createdById"`)];
  return [Prisma.sql`COALESCE(lower(${person}) COLLATE "C", '')`, Prisma.sql`COALESCE(${column}, '')`];
}

// Rows from a position on, in a walk's order, by sorting every matching key,
// when at most `cap` keys match: for a selective filter or search, walking
// the groups would read each group's keys to find the few that match. One
// query finds the matches once (a trigram search costs tens of milliseconds
// at a million keys) and counts them, and each row's group; past `cap` it
// stops there, at the cost of a bounded count. Every row carries
// "matchCount" (at most cap + 1: then there are too many, use a walk) and
// "groupCount"; one row with a null id stands for an empty page.
export function sortedMatchesSql(order: KeyOrder, where: Prisma.Sql, travel: Travel, cap: number): Prisma.Sql {
  const groups = groupExprs(order);
  const inner = INNER[order.inner];
  const [gDesc, iDesc] = [travel.groupsDescending, travel.innerDescending];
  const groupCols = groups.map((_, i) => Prisma.raw(`m."g${i}"`));
  const innerCols = inner.map((_, i) => Prisma.raw(`m."o${i}"`));
  // The walk's order on the sorted rows (m), and again on the page (x).
  const orderOn = (alias: string) =>
    list([
      ...groups.map((_, i) => Prisma.sql`${Prisma.raw(`${alias}."g${i}"`)} ${direction(gDesc)}`),
      ...inner.map((_, i) => Prisma.sql`${Prisma.raw(`${alias}."o${i}"`)} ${direction(iDesc)}`),
      Prisma.sql`${Prisma.raw(`${alias}."id"`)} ${direction(iDesc)}`,
    ]);
  const cursor = travel.cursor;
  const cursorGroup = cursor ? params(cursor.values.slice(0, groups.length), order.groupParts) : [];
  const keyset = cursor
    ? Prisma.sql`WHERE (${list(groupCols)}) ${Prisma.raw(gDesc ? "<" : ">")} (${list(cursorGroup)})
        OR ((${list(groupCols)}) = (${list(cursorGroup)})
          AND (${list([...innerCols, Prisma.raw(`m."id"`)])}) ${Prisma.raw(iDesc ? "<" : ">")} (${list([...params(cursor.values.slice(groups.length), order.innerParts), Prisma.sql`${cursor.id}`])}))`
    : Prisma.empty;
  return Prisma.sql`WITH "found" AS MATERIALIZED (SELECT k."id" FROM "SecretKey" k WHERE ${where} LIMIT ${cap + 1}),
    "matches" AS MATERIALIZED (
      SELECT ${COLUMNS}, ${list([
        ...groups.map((expr, i) => Prisma.sql`${expr} AS ${Prisma.raw(`"g${i}"`)}`),
        ...groups.map((expr, i) => Prisma.sql`(${expr})::text AS ${Prisma.raw(`"s${i}"`)}`),
        ...partColumns(inner, groups.length),
        ...inner.map((expr, i) => Prisma.sql`${expr} AS ${Prisma.raw(`"o${i}"`)}`),
      ])}
      FROM ${FROM} WHERE k."id" IN (SELECT f."id" FROM "found" f) AND (SELECT count(*) FROM "found") <= ${cap})
    SELECT x.*, t."matchCount" FROM (SELECT count(*)::int AS "matchCount" FROM "found") t
    LEFT JOIN LATERAL (
      SELECT m.*, (SELECT count(*)::int FROM "matches" n WHERE (${list(groups.map((_, i) => Prisma.raw(`n."g${i}"`)))}) = (${list(groupCols)})) AS "groupCount"
      FROM "matches" m ${keyset}
      ORDER BY ${orderOn("m")}
      LIMIT ${travel.limit}) x ON t."matchCount" <= ${cap}
    ORDER BY ${orderOn("x")}`;
}

// At most limit + 1 matching keys counted: exact below the limit, "more" above.
export function boundedCountSql(where: Prisma.Sql, limit: number, extra: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS "n" FROM (SELECT 1 FROM ${FROM} WHERE ${where} ${extra} LIMIT ${limit + 1}) t`;
}

// One owner group's keys, for its heading (a member's group: their keys).
export function ownerGroupCondition(group: string, organizationId: string): Prisma.Sql {
  return group === NO_ACTIVE_OWNER ? Prisma.sql`AND ${withoutActiveOwner(organizationId)}` : Prisma.sql`AND k."ownerId" = ${group}`;
}
