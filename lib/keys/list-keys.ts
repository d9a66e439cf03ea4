import { listDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ListKeysQuery } from "./list-keys-query";
import type { Environment, PermissionLevel, Scope } from "./key-model";
import { keyHashSecret } from "./key-hash-secret";
import { keyOrder, orderParts } from "./key-order";
import { ownerGroupOf } from "./key-owner-groups";
import { toKeySummary, type KeySummary } from "./key-summary";
import { decodeListCursor, encodeListCursor, listCursorBinding, type ListCursor } from "./list-cursor";
import { boundedCountSql, ownerGroupCondition, plainPageSql, sortedMatchesSql, walkPageSql, walkRowsInRankOrder, whereSql, type Travel } from "./list-keys-sql";
import { boundedCount, COUNT_LIMIT, FILTERED_COUNT_LIMIT, pageWindow, type BoundedCount } from "./list-page";
import { readOwnerCreatorRows } from "./read-owner-creator-rows";
import { searchMode as detectSearchMode, type SearchMode } from "./search-mode";

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
} & Record<`s${number}`, string>;

type SortedRow = Row & { matchCount: number; groupCount: number };
type WalkedRow = Row & { rank: number };

export type KeyListPage = {
  rows: KeySummary[];
  // Matching keys, exact up to COUNT_LIMIT (FILTERED_COUNT_LIMIT with filters).
  total: BoundedCount;
  // How many rows come before this page (for "26–50").
  start: number;
  nextCursor: string | null;
  prevCursor: string | null;
  // Grouped by owner: the count of each group on this page, over every page.
  groups: ({ group: string } & BoundedCount)[];
};

export const INVALID_CURSOR_MESSAGE =
  "This page link does not belong to this list (it was changed, or made for other filters). Start again from the first page.";

// One page of an organization's live keys, filtered and sorted in SQL, read
// by keyset from the cursor's position: each page costs about the same
// however deep it is or however many keys there are. A cursor that is not
// this list's is refused with INVALID_INPUT before any query runs.
export async function listKeys(
  organizationId: string,
  query: ListKeysQuery,
  now = new Date(),
  options: { viewerId?: string; searchMode?: SearchMode } = {},
): Promise<KeyListPage> {
  const order = keyOrder(query.sort, query.dir, query.group);
  const parts = orderParts(order);
  const signing = { secret: keyHashSecret(), binding: listCursorBinding(organizationId, query, options.viewerId) };
  const cursor = query.cursor ? decodeListCursor(query.cursor, { ...signing, parts }) : null;
  if (query.cursor && !cursor) throw new AppError("INVALID_INPUT", INVALID_CURSOR_MESSAGE);

  const mode = options.searchMode ?? (query.q ? await detectSearchMode() : "trigram");
  const whereOptions = { viewerId: options.viewerId, searchMode: mode };
  const where = whereSql(organizationId, query, now, whereOptions);
  // The walks that choose their keys by id (all but the plain list and the
  // one sorted by creator within an owner's groups) search as their indexes
  // hold the names.
  const onLower = whereSql(organizationId, query, now, { ...whereOptions, searchOnLower: true });
  const walkWhere = order.inner === "creator" ? where : onLower;
  const countLimit = isFiltered(query) ? FILTERED_COUNT_LIMIT : COUNT_LIMIT;
  // A filtered walk first tries to sort its matches (see sortedMatchesSql),
  // which counts them too: exactly when they are few, else as "1,000+".
  const filteredWalk = order.walk !== "plain" && isFiltered(query);
  const matches: { count?: number; groupCounts?: Map<string, number> } = {};
  const readRows = async (travel: Travel): Promise<Row[]> => {
    // A second read (back at the beginning) may find more keys than the first.
    matches.groupCounts = undefined;
    if (filteredWalk) {
      const found = await listDb().$queryRaw<SortedRow[]>(sortedMatchesSql(order, where, travel, countLimit));
      matches.count = found[0].matchCount;
      if (matches.count <= countLimit) {
        const rows = found.filter((row) => row.id !== null);
        matches.groupCounts = new Map(rows.map((row) => [ownerGroupOf(row), row.groupCount]));
        return rows;
      }
    }
    // An owner filter picks one owner's keys, which the pairs of every
    // owner know nothing of: there the SQL walk sorts what matches.
    const pairWalk = order.walk === "owners" && order.inner === "creator" && !query.owner;
    const walked = pairWalk ? await readOwnerCreatorRows<Row>(organizationId, onLower, travel) : null;
    if (walked) return walked;
    if (order.walk === "plain") return listDb().$queryRaw<Row[]>(plainPageSql(order, where, travel));
    const rows = await listDb().$queryRaw<WalkedRow[]>(walkPageSql(order, organizationId, walkWhere, travel, "groups"));
    if (walkRowsInRankOrder(rows, groupKeyOf)) return rows;
    warnOnceOfWalkOrder();
    return listDb().$queryRaw<WalkedRow[]>(walkPageSql(order, organizationId, walkWhere, travel, "rows"));
  };
  const groupKeyOf = (row: Row) => order.groupParts.map((_, i) => row[`s${i}`]).join("\u0000");
  const readPage = async (from: ListCursor | null) => {
    const back = from?.direction === "prev";
    const travel = {
      cursor: from,
      limit: query.pageSize + 1,
      groupsDescending: order.groupsDescending !== back,
      innerDescending: order.innerDescending !== back,
    };
    return pageWindow(await readRows(travel), query.pageSize, from?.direction ?? "next");
  };

  const [page, counted] = await Promise.all([
    readPage(cursor),
    filteredWalk
      ? null
      : listDb()
          .$queryRaw<{ n: number }[]>(boundedCountSql(where, countLimit))
          .then(([row]) => row.n),
  ]);
  const n = counted ?? matches.count ?? 0;
  let { rows } = page;
  let start = 0;
  let hasPrev = false;
  let hasNext = page.more;
  if (cursor?.direction === "next") {
    start = cursor.offset;
    hasPrev = true;
  } else if (cursor?.direction === "prev") {
    hasNext = true;
    if (page.more) {
      hasPrev = true;
      start = Math.max(0, cursor.offset - rows.length);
    } else {
      // Back at the beginning (keys came or went meanwhile): the first page, full.
      const first = await readPage(null);
      rows = first.rows;
      hasNext = first.more;
    }
  }

  // Counted with the matches when they were sorted, else group by group.
  const groupCounts = async (groups: string[]) =>
    matches.groupCounts
      ? groups.map((group) => ({ group, ...boundedCount(matches.groupCounts!.get(group) ?? 0, FILTERED_COUNT_LIMIT) }))
      : countGroups(organizationId, where, groups);
  const position = (row: Row, direction: ListCursor["direction"], offset: number) =>
    encodeListCursor({ direction, values: parts.map((_, i) => row[`s${i}`]), id: row.id, offset }, signing);
  const summaries = rows.map(toKeySummary);
  return {
    rows: summaries,
    total: boundedCount(n, countLimit),
    start,
    nextCursor: hasNext && rows.length > 0 ? position(rows[rows.length - 1], "next", start + rows.length) : null,
    prevCursor: hasPrev && rows.length > 0 ? position(rows[0], "prev", start) : null,
    groups: query.group === "owner" ? await groupCounts([...new Set(summaries.map(ownerGroupOf))]) : [],
  };
}

// Said once per process: every walk then costs two queries, which an
// operator should hear of (a PostgreSQL upgrade that plans walks otherwise).
let walkOrderWarned = false;
function warnOnceOfWalkOrder() {
  if (walkOrderWarned) return;
  walkOrderWarned = true;
  console.warn("Keys list: a walk's rows came back out of their groups' order; such pages are read again fully sorted (slower).");
}

const isFiltered = (query: ListKeysQuery) =>
  Boolean(query.q || query.scope || query.permission || query.environment || query.stale || query.due || query.owner);

// A group's keys are a filter of the organization's (one owner's, or those
// without an active owner), so its count stops where a filtered one does:
// finding 10,000 of one owner's keys among a million reads ~200,000 rows.
async function countGroups(organizationId: string, where: ReturnType<typeof whereSql>, groups: string[]): Promise<KeyListPage["groups"]> {
  const limit = FILTERED_COUNT_LIMIT;
  return Promise.all(
    groups.map(async (group) => {
      const [{ n }] = await listDb().$queryRaw<{ n: number }[]>(boundedCountSql(where, limit, ownerGroupCondition(group, organizationId)));
      return { group, ...boundedCount(n, limit) };
    }),
  );
}

// Whether the organization has any live key at all (the empty state).
export async function hasLiveKeys(organizationId: string): Promise<boolean> {
  const [row] = await listDb().$queryRaw<{ any: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "SecretKey" WHERE "organizationId" = ${organizationId} AND "deletedAt" IS NULL) AS "any"`;
  return row.any;
}
