import { Prisma } from "@/lib/generated/prisma/client";
import { listDb } from "@/lib/db/client";
import { CAST, coveredRowsSql, type Travel } from "./list-keys-sql";

// Grouped by owner, sorted by creator within each group. The creator's name
// is on another table, so no index of keys is in that order: sorting each
// owner's keys by it read every key of the organization (3 s at a million).
// Instead the page walks (owner, creator) pairs in order and reads each
// pair's keys by id, stopping when the page is full: usually one or two
// pairs, each read by SecretKey_list_owner_creator_idx. Listing the pairs
// costs one index probe per pair of the organization, so past MAX_PAIRS
// pairs (or filters that pairs cannot serve) the SQL walk is used instead.
//
// A position is the same as the SQL walk's: (rank, owner's lower-cased name,
// owner id, creator's lower-cased name, creator id), then the key's id.

type Pair = { g0: number; g1: string; g2: string; g3: string; g4: string; owners: string[]; listed: number };

// Pairs listed at most: about 20 ms of index probes.
export const MAX_PAIRS = 2_000;
// Pairs read for one page before giving up: past them the filters are
// selective (or the pairs small), and sorting what matches, as the SQL walk
// does, is cheaper.
export const MAX_PAIRS_PER_PAGE = 8;

const dir = (descending: boolean) => Prisma.raw(descending ? "DESC" : "ASC");
const after = (descending: boolean, orEqual = false) => Prisma.raw(`${descending ? "<" : ">"}${orEqual ? "=" : ""}`);

// The pairs that hold live keys (a loose index scan: one probe per pair, at
// most MAX_PAIRS + 1), as groups: an owner who is a member is their own
// group (rank 0); every other owner, and no owner, make the one group
// without an active owner (rank 1, as withoutActiveOwner in
// list-keys-sql.ts), which gathers its owners' ids. From the cursor's pair on.
function pairsSql(organizationId: string, travel: Travel): Prisma.Sql {
  const live = Prisma.sql`k."organizationId" = ${organizationId} AND k."deletedAt" IS NULL`;
  const position = Prisma.sql`(COALESCE(k."ownerId", ''), COALESCE(k."createdById", ''))`;
  // Listed, not as one row value: ORDER BY a row would not walk the index.
  const positionOrder = Prisma.sql`COALESCE(k."ownerId", ''), COALESCE(k."createdById", '')`;
  const { cursor, groupsDescending: gDesc, innerDescending: iDesc } = travel;
  const from = cursor
    ? Prisma.sql`WHERE (g0, g1, g2) ${after(gDesc)} (${cursor.values[0]}${CAST.rank}, ${cursor.values[1]}, ${cursor.values[2]})
        OR ((g0, g1, g2) = (${cursor.values[0]}${CAST.rank}, ${cursor.values[1]}, ${cursor.values[2]}) AND (g3, g4) ${after(iDesc, true)} (${cursor.values[3]}, ${cursor.values[4]}))`
    : Prisma.empty;
  return Prisma.sql`WITH RECURSIVE "pairs"(oid, cid, n) AS (
      (SELECT COALESCE(k."ownerId", ''), COALESCE(k."createdById", ''), 1 FROM "SecretKey" k WHERE ${live} ORDER BY ${positionOrder} LIMIT 1)
      UNION ALL
      SELECT n.oid, n.cid, p.n + 1 FROM "pairs" p CROSS JOIN LATERAL (
        SELECT COALESCE(k."ownerId", '') AS oid, COALESCE(k."createdById", '') AS cid FROM "SecretKey" k
        WHERE ${live} AND ${position} > (p.oid, p.cid) ORDER BY ${positionOrder} LIMIT 1) n
      WHERE p.n <= ${MAX_PAIRS}),
    "members" AS (
      SELECT m."userId" AS id, lower(u."name") COLLATE "C" AS name FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
      WHERE m."organizationId" = ${organizationId}),
    "groups" AS (
      SELECT (CASE WHEN mb.id IS NULL THEN 1 ELSE 0 END) AS g0, COALESCE(mb.name, '' COLLATE "C") AS g1, COALESCE(mb.id, '') AS g2,
             COALESCE(lower(cu."name") COLLATE "C", '') AS g3, p.cid AS g4, array_agg(p.oid) AS owners
      FROM "pairs" p LEFT JOIN "members" mb ON mb.id = p.oid LEFT JOIN "User" cu ON cu."id" = NULLIF(p.cid, '')
      GROUP BY 1, 2, 3, 4, 5)
    SELECT g0, g1::text AS g1, g2, g3::text AS g3, g4, owners, (SELECT count(*) FROM "pairs")::int AS "listed" FROM "groups" ${from}
    ORDER BY g0 ${dir(gDesc)}, "groups".g1 ${dir(gDesc)}, g2 ${dir(gDesc)}, "groups".g3 ${dir(iDesc)}, g4 ${dir(iDesc)}`;
}

// One pair's keys by id, after the cursor's key when it is the cursor's
// pair. Each owner's keys are read in index order and only as far as the
// page needs (the group without an active owner may gather several owners).
function pairKeysSql(pair: Pair, where: Prisma.Sql, afterId: string | null, descending: boolean, limit: number): Prisma.Sql {
  const keyset = afterId === null ? Prisma.empty : Prisma.sql`AND k."id" ${after(descending)} ${afterId}`;
  const position = Prisma.sql`${String(pair.g0)}::text AS "s0", ${pair.g1}::text AS "s1", ${pair.g2}::text AS "s2", ${pair.g3}::text AS "s3", ${pair.g4}::text AS "s4"`;
  const filter = Prisma.sql`${where} AND COALESCE(k."ownerId", '') = o.id AND COALESCE(k."createdById", '') = ${pair.g4} ${keyset}`;
  return Prisma.sql`SELECT x.* FROM unnest(${pair.owners}::text[]) AS o(id) CROSS JOIN LATERAL (
      ${coveredRowsSql(position, filter, Prisma.sql`k."id" ${dir(descending)}`, limit)}) x
    ORDER BY x."id" ${dir(descending)} LIMIT ${limit}`;
}

const isCursorPair = (pair: Pair, values: string[]) => [String(pair.g0), pair.g1, pair.g2, pair.g3, pair.g4].every((value, i) => value === values[i]);

// Up to travel.limit rows from the cursor on, in the walk's order; null when
// the organization has more than MAX_PAIRS pairs, or MAX_PAIRS_PER_PAGE
// pairs did not fill the page, or no pair is left (then use the SQL walk,
// whose order and positions are the same).
export async function readOwnerCreatorRows<Row>(organizationId: string, where: Prisma.Sql, travel: Travel): Promise<Row[] | null> {
  const pairs = await listDb().$queryRaw<Pair[]>(pairsSql(organizationId, travel));
  if (pairs.length === 0 || pairs[0].listed > MAX_PAIRS) return null;
  const rows: Row[] = [];
  for (const [index, pair] of pairs.entries()) {
    if (index === MAX_PAIRS_PER_PAGE) return null;
    const afterId = travel.cursor && isCursorPair(pair, travel.cursor.values) ? travel.cursor.id : null;
    rows.push(...(await listDb().$queryRaw<Row[]>(pairKeysSql(pair, where, afterId, travel.innerDescending, travel.limit - rows.length))));
    if (rows.length >= travel.limit) break;
  }
  return rows;
}
