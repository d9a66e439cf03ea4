// The Secret Keys list at 10,000, 100,000 and 1,000,000 keys in one
// organization (BENCH_LIST_SIZES=10000,100000 to shorten): each size seeded
// set-based into an organization of its own, then every sort both ways, each
// filter, searches, grouping, a deep page by cursor and the bounded count,
// timed through listKeys as the page calls it. Also what the list's indexes
// cost a Last Used flush, against the three indexes they replaced.
import pg from "pg";
import { AppError } from "@/lib/errors";
import { keyHashSecret } from "@/lib/keys/key-hash-secret";
import { encodeListCursor, listCursorBinding } from "@/lib/keys/list-cursor";
import { KEY_SORT_COLUMNS, parseListKeysQuery } from "@/lib/keys/list-keys-query";
import { listKeys } from "@/lib/keys/list-keys";
import { searchMode } from "@/lib/keys/search-mode";
import { UPDATE_LAST_USED_SQL } from "@/lib/verify/write-usage";
import { time, type Timing } from "./stats";

export const TARGET_P50_MS = 50;
const MEMBERS = 20;

// One organization with MEMBERS members and a former one, and `size` keys:
// four environments, mixed permissions (RESTRICTED the rare one) and scopes,
// created over 400 days, a fifth never used, 2% deleted, about 6% without
// an active owner (a former member's, or none).
export async function seed(pool: pg.Pool, size: number): Promise<{ organizationId: string; memberId: string }> {
  const organizationId = `bench_list_${size}`;
  await pool.query(`INSERT INTO "Organization" ("id", "name", "granularScopes") VALUES ($1, $2, true)`, [organizationId, `List bench ${size}`]);
  await pool.query(
    `INSERT INTO "User" ("id", "email", "name", "passwordHash")
     SELECT $1 || '_u' || g, $1 || '-' || g || '@bench.test', (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Ken','Donald'])[1 + g % 7] || ' ' || g, 'x'
     FROM generate_series(0, $2::int) g`,
    [organizationId, MEMBERS],
  );
  // The last user is a former member: no membership.
  await pool.query(
    `INSERT INTO "Membership" ("id", "organizationId", "userId", "role")
     SELECT $1 || '_m' || g, $1, $1 || '_u' || g, (CASE WHEN g = 0 THEN 'OWNER' ELSE 'ADMIN' END)::"Role" FROM generate_series(0, $2::int - 1) g`,
    [organizationId, MEMBERS],
  );
  const chunk = 100_000;
  for (let from = 1; from <= size; from += chunk) {
    await pool.query(
      `INSERT INTO "SecretKey" ("id", "organizationId", "name", "liveName", "environment", "scopes", "permission", "hash", "displayPrefix", "lastFour",
                                "createdById", "ownerId", "createdAt", "lastUsedAt", "expiresAt", "deletedAt")
       SELECT 'c' || substr(md5($1 || g), 1, 24), $1, n, CASE WHEN g % 50 = 0 THEN NULL ELSE n END,
              (ARRAY['PRODUCTION','STAGING','DEVELOPMENT','CI_CD'])[1 + g % 4]::"KeyEnvironment",
              (ARRAY['{DATASET,TRAINING,DEPLOYMENT}','{DATASET}','{TRAINING}','{DEPLOYMENT}','{DATASET,TRAINING}','{TRAINING,DEPLOYMENT}','{DATASET,DEPLOYMENT}'])[1 + g % 7]::"KeyScope"[],
              (CASE WHEN g % 100 = 1 THEN 'RESTRICTED' WHEN g % 10 < 5 THEN 'FULL' WHEN g % 10 < 8 THEN 'READ_ONLY' ELSE 'LABELER_ONLY' END)::"PermissionLevel",
              md5($1 || g || 'hash'), 'skml_' || (ARRAY['live','stage','dev','ci'])[1 + g % 4] || '_' || substr(md5(g || 'p'), 1, 4), substr(md5(g || 'l'), 1, 4),
              CASE WHEN g % 101 = 0 THEN NULL ELSE $1 || '_u' || (g % $4::int) END,
              CASE WHEN g % 97 = 0 THEN NULL ELSE $1 || '_u' || ((g / 3) % ($4::int + 1)) END,
              now() - make_interval(days => g % 400, secs => g % 86400),
              CASE WHEN g % 5 = 0 THEN NULL ELSE now() - make_interval(days => g % 200, secs => (g * 13) % 86400) END,
              CASE WHEN g % 3 = 0 THEN now() + make_interval(days => g % 120) END,
              CASE WHEN g % 50 = 0 THEN now() END
       FROM generate_series($2::int, $3::int) g,
            LATERAL (SELECT (ARRAY['ingest','train','deploy','label','eval','billing'])[1 + g % 6] || '-' || lpad(g::text, 7, '0') AS n) names`,
      [organizationId, from, Math.min(size, from + chunk - 1), MEMBERS],
    );
  }
  await pool.query(`VACUUM ANALYZE "SecretKey"`);
  return { organizationId, memberId: `${organizationId}_u3` };
}

// A cursor to the middle of the list (the position a long walk of Next would
// reach), signed as the server signs them.
async function deepCursor(pool: pg.Pool, organizationId: string, size: number, params: Record<string, string>, expression: string, descending: boolean) {
  const query = parseListKeysQuery(params);
  const dir = descending ? "DESC" : "ASC";
  const { rows } = await pool.query<{ value: string; id: string }>(
    `SELECT (${expression})::text AS "value", k."id" FROM "SecretKey" k WHERE k."organizationId" = $1 AND k."deletedAt" IS NULL
     ORDER BY ${expression} ${dir}, k."id" ${dir} OFFSET $2 LIMIT 1`,
    [organizationId, Math.floor(size / 2)],
  );
  const signing = { secret: keyHashSecret(), binding: listCursorBinding(organizationId, query) };
  return {
    next: encodeListCursor({ direction: "next", values: [rows[0].value], id: rows[0].id, offset: Math.floor(size / 2) }, signing),
    prev: encodeListCursor({ direction: "prev", values: [rows[0].value], id: rows[0].id, offset: Math.floor(size / 2) }, signing),
  };
}

function shapesFor(memberId: string): Record<string, Record<string, string>> {
  const shapes: Record<string, Record<string, string>> = {};
  for (const sort of KEY_SORT_COLUMNS) for (const dir of ["asc", "desc"]) shapes[`sort ${sort} ${dir}`] = { sort, dir };
  Object.assign(shapes, {
    "page size 100": { pageSize: "100" },
    "filter environment": { environment: "STAGING" },
    "filter permission (rare: 1%)": { permission: "RESTRICTED" },
    "filter scope": { scope: "DEPLOYMENT" },
    "filter env + permission, by name": { environment: "CI_CD", permission: "READ_ONLY", sort: "name", dir: "asc" },
    "stale only": { stale: "1" },
    "stale only, by last used": { stale: "1", sort: "lastUsedAt", dir: "asc" },
    "rotation due": { due: "1" },
    "owner: one member": { owner: memberId },
    "owner: none active": { owner: "none" },
    "search 'ingest-00042' (few)": { q: "ingest-00042" },
    "search 'label' (a sixth)": { q: "label" },
    "search '42'": { q: "42" },
    "search 'skml_ci_a1'": { q: "skml_ci_a1" },
    "search, no match": { q: "nothing-like-this" },
    "search '100%_\\' (literal)": { q: "100%_\\" },
    "grouped by owner": { group: "owner" },
    "grouped by owner, by name": { group: "owner", sort: "name", dir: "asc" },
    "grouped by owner, by last used": { group: "owner", sort: "lastUsedAt", dir: "desc" },
    "grouped by owner, by creator": { group: "owner", sort: "createdBy", dir: "asc" },
    "grouped by owner, by creator, stale only": { group: "owner", sort: "createdBy", dir: "asc", stale: "1" },
    "grouped by owner, by creator, rare permission": { group: "owner", sort: "createdBy", dir: "asc", permission: "RESTRICTED" },
    "grouped by owner, by creator, search": { group: "owner", sort: "createdBy", dir: "asc", q: "ingest-00042" },
    "grouped by owner, by creator, search 'label'": { group: "owner", sort: "createdBy", dir: "asc", q: "label" },
    "grouped by owner, search": { group: "owner", q: "ingest-00042" },
    "by creator, search": { sort: "createdBy", dir: "asc", q: "ingest-00042" },
    "by creator, search 'label'": { sort: "createdBy", dir: "asc", q: "label" },
    "by creator, rare permission": { sort: "createdBy", dir: "asc", permission: "RESTRICTED" },
    "by creator, none active": { sort: "createdBy", dir: "asc", owner: "none" },
    "grouped by owner, stale only": { group: "owner", stale: "1" },
  });
  return shapes;
}

export type ListBenchSize = { keys: number; seedSeconds: number; searchMode: string; results: Record<string, Timing & { met: boolean; error?: string }> };

// A shape far off the target is timed 5 times, not `runs`; one the list's
// statement timeout cancels is recorded as such, and the bench goes on.
async function timeShape(runs: number, task: () => Promise<unknown>): Promise<Timing & { error?: string }> {
  const started = performance.now();
  try {
    await task();
    return await time(performance.now() - started > 1000 ? 5 : runs, task);
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    return { runs: 1, meanMs: ms, p50Ms: ms, p95Ms: ms, maxMs: ms, error: error instanceof Error ? error.message.slice(0, 120) : String(error) };
  }
}

async function benchSize(pool: pg.Pool, size: number, runs: number): Promise<ListBenchSize> {
  const started = performance.now();
  const { organizationId, memberId } = await seed(pool, size);
  const seedSeconds = Math.round((performance.now() - started) / 100) / 10;
  const timings: Record<string, Timing & { error?: string }> = {};
  for (const [label, params] of Object.entries(shapesFor(memberId))) {
    const query = parseListKeysQuery(params);
    timings[label] = await timeShape(runs, () => listKeys(organizationId, query, new Date(), { viewerId: memberId }));
  }
  const byCreated = await deepCursor(pool, organizationId, size, {}, `k."createdAt"`, true);
  const byName = await deepCursor(pool, organizationId, size, { sort: "name", dir: "asc" }, `(lower(k."name") COLLATE "C")`, false);
  const deep: Record<string, Record<string, string>> = {
    "deep page (middle), newest first": { cursor: byCreated.next },
    "deep page (middle), Previous": { cursor: byCreated.prev },
    "deep page (middle), by name": { sort: "name", dir: "asc", cursor: byName.next },
  };
  for (const [label, params] of Object.entries(deep)) {
    const query = parseListKeysQuery(params);
    timings[label] = await timeShape(runs, () => listKeys(organizationId, query));
  }
  timings["forged cursor (refused)"] = await time(runs, () =>
    listKeys(organizationId, parseListKeysQuery({ cursor: `${byCreated.next.slice(0, -1)}A` })).catch((error: unknown) => {
      if (!(error instanceof AppError)) throw error;
    }),
  );
  // The count alone: exact up to 10,000, then "10,000+".
  timings["bounded count alone"] = await time(runs, () =>
    pool.query(`SELECT count(*) FROM (SELECT 1 FROM "SecretKey" k WHERE k."organizationId" = $1 AND k."deletedAt" IS NULL LIMIT 10001) t`, [organizationId]),
  );
  const results = Object.fromEntries(Object.entries(timings).map(([label, t]) => [label, { ...t, met: !t.error && t.p50Ms <= TARGET_P50_MS }]));
  return { keys: size, seedSeconds, searchMode: await searchMode(), results };
}

const LIST_INDEXES = [
  "createdAt",
  "lastUsedAt",
  "name",
  "scopes",
  "permission",
  "environment",
  "createdBy",
  "owner",
  "owner_createdAt",
  "owner_lastUsedAt",
  "owner_name",
  "owner_scopes",
  "owner_permission",
  "owner_environment",
  "owner_creator",
].map((name) => `"SecretKey_list_${name}_idx"`);

// A Last Used flush (the verification path's UPDATE, 2,000 keys) with the
// list's indexes, and with the three indexes of before (in a transaction
// that is rolled back). Last Used is indexed either way, so no update is HOT
// and each touches every index of the table. Then what busy keys cost: the
// same 2,000 flushed again every 2 s, within Last Used's precision.
export async function benchLastUsedFlush(pool: pg.Pool, organizationId: string, runs = 20): Promise<Record<string, Timing>> {
  const client = await pool.connect();
  try {
    // time() runs 3 warm-ups before the measured runs: a batch of its own for each.
    const batches = runs + 3;
    const { rows } = await client.query<{ id: string }>(
      `SELECT "id" FROM "SecretKey" WHERE "organizationId" = $1 AND "deletedAt" IS NULL ORDER BY random() LIMIT $2`,
      [organizationId, batches * 2000],
    );
    const ids = rows.map((row) => row.id);
    const start = Date.now() + 86_400_000;
    const flushOf = (batch: string[], at: number) => client.query(UPDATE_LAST_USED_SQL, [batch, batch.map(() => new Date(at).toISOString())]);
    // Each call a new 2,000 keys, each written (restarted for each index set).
    let round = 0;
    const flush = () => {
      round = (round % batches) + 1;
      return flushOf(ids.slice((round - 1) * 2000, round * 2000), start + round * 2_000);
    };
    const inTransaction = async <T>(work: () => Promise<T>) => {
      await client.query("BEGIN");
      try {
        return await work();
      } finally {
        await client.query("ROLLBACK");
      }
    };
    const withListIndexes = await inTransaction(() => time(runs, flush));
    // Busy keys: written once, then flushed every 2 s, all within the minute.
    const busy = ids.slice(0, 2000);
    const busyKeys = await inTransaction(async () => {
      await flushOf(busy, start);
      let busyRound = 0;
      return time(runs, () => flushOf(busy, start + (++busyRound % 29) * 2_000));
    });
    const withOldIndexes = await inTransaction(async () => {
      await client.query(`DROP INDEX ${LIST_INDEXES.join(", ")}`);
      await client.query(`DROP INDEX IF EXISTS "SecretKey_search_trgm_idx"`);
      await client.query(`CREATE INDEX "old_created" ON "SecretKey" ("organizationId", "createdAt")`);
      await client.query(`CREATE INDEX "old_last_used" ON "SecretKey" ("organizationId", "lastUsedAt")`);
      await client.query(`CREATE INDEX "old_owner" ON "SecretKey" ("organizationId", "ownerId")`);
      return time(runs, flush);
    });
    return {
      "2,000 keys first used (list indexes)": withListIndexes,
      "2,000 keys first used (three indexes, before)": withOldIndexes,
      "2,000 busy keys again within a minute": busyKeys,
    };
  } finally {
    client.release();
  }
}

export async function benchListKeys(databaseUrl: string): Promise<{ sizes: ListBenchSize[]; lastUsedFlush: Record<string, Timing> }> {
  const sizes = (process.env.BENCH_LIST_SIZES ?? "10000,100000,1000000").split(",").map(Number);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const results: ListBenchSize[] = [];
    for (const size of sizes) {
      console.log(`Seeding ${size.toLocaleString("en")} keys…`);
      const result = await benchSize(pool, size, size >= 1_000_000 ? 30 : 50);
      console.log(`${size.toLocaleString("en")} keys in one organization (seeded in ${result.seedSeconds} s; search: ${result.searchMode}):`);
      console.table(
        Object.fromEntries(
          Object.entries(result.results).map(([label, t]) => [
            label,
            { p50Ms: t.p50Ms, p95Ms: t.p95Ms, target: t.met ? "MET" : t.error ? `NOT MET (${t.error})` : "NOT MET" },
          ]),
        ),
      );
      results.push(result);
    }
    const largest = sizes[sizes.length - 1];
    const lastUsedFlush = await benchLastUsedFlush(pool, `bench_list_${largest}`);
    console.log(`Last Used flush of 2,000 keys (the verification path's UPDATE) at ${largest.toLocaleString("en")} keys:`);
    console.table(lastUsedFlush);
    return { sizes: results, lastUsedFlush };
  } finally {
    await pool.end();
  }
}
