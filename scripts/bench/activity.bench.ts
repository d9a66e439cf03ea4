// The usage recorder's writes and the retention purge at volume: KeyActivity
// seeded set-based (BENCH_ACTIVITY_ROWS, 10 million by default) across
// 1,000 keys, half of it past retention; flushes keep being written while
// the purge runs, and their latency is what a verifying instance would see.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { CLIENT_WINDOW_MS, type ActivityRow } from "@/lib/verify/usage-recorder";
import { createUsageWriter, type UsageUnit } from "@/lib/verify/write-usage";
import { summarize, type Timing } from "./stats";

const KEYS = 1_000;
const ROWS_PER_FLUSH = 2_000;
const DAY_MS = 86_400_000;

async function seed(pool: pg.Pool, rows: number): Promise<{ keyIds: string[]; organizationId: string }> {
  const organizationId = `bench_org_${randomUUID()}`;
  await pool.query(`INSERT INTO "Organization" ("id", "name") VALUES ($1, 'Activity bench')`, [organizationId]);
  await pool.query(
    `INSERT INTO "SecretKey" ("id", "organizationId", "name", "environment", "scopes", "permission", "hash", "displayPrefix", "lastFour")
     SELECT $1 || g, $1, 'key ' || g, 'PRODUCTION', '{DATASET}', 'FULL', md5($1 || g), 'skml_live_', 'xxxx' FROM generate_series(1, $2::int) g`,
    [organizationId, KEYS],
  );
  // Spread over 60 days back from now: the older half is past a 30-day retention.
  const chunk = 1_000_000;
  for (let done = 0; done < rows; done += chunk) {
    await pool.query(
      `INSERT INTO "KeyActivity" ("keyId", "organizationId", "firstSeenAt", "lastSeenAt", "ipAddress", "userAgent", "scope", "action", "outcome", "requestCount")
       SELECT $1 || (1 + g % $4), $1, t, t, '198.51.' || (g % 250) || '.' || (g % 200), 'bench/1.0', 'DATASET', 'read', 'ALLOWED', 1 + g % 7
       FROM generate_series($2::bigint, $3::bigint) AS g,
            LATERAL (SELECT (now() AT TIME ZONE 'UTC') - make_interval(secs => (g::float8 / $5) * 60 * 86400)) AS s(t)`,
      [organizationId, done, Math.min(rows, done + chunk) - 1, KEYS, rows],
    );
  }
  await pool.query(`ANALYZE "KeyActivity"`);
  return { keyIds: Array.from({ length: KEYS }, (_, i) => `${organizationId}${i + 1}`), organizationId };
}

function flushUnit(keyIds: string[], organizationId: string, round: number): UsageUnit {
  const now = Date.now();
  const activity: ActivityRow[] = Array.from({ length: ROWS_PER_FLUSH }, (_, i) => ({
    keyId: keyIds[(round * ROWS_PER_FLUSH + i) % keyIds.length],
    organizationId,
    ipAddress: `203.0.113.${i % 250}`,
    viaAddress: null,
    userAgent: "bench/1.0",
    scope: "DATASET",
    action: "read",
    outcome: "ALLOWED",
    firstSeenAt: now - CLIENT_WINDOW_MS / 10,
    lastSeenAt: now,
    requestCount: 5,
    overflow: false,
  }));
  return { id: randomUUID(), lastUsed: keyIds.slice(0, 200).map((id) => [id, now]), activity };
}

export async function benchActivity(databaseUrl: string) {
  const rows = Number(process.env.BENCH_ACTIVITY_ROWS ?? 10_000_000);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  try {
    const seedStart = performance.now();
    const { keyIds, organizationId } = await seed(pool, rows);
    const seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;
    const writer = createUsageWriter(pool);

    const alone: number[] = [];
    for (let round = 0; round < 20; round++) {
      const start = performance.now();
      await writer.write(flushUnit(keyIds, organizationId, round));
      alone.push(performance.now() - start);
    }

    // The purge, with a flush every 2 s beside it (as a verifying instance does).
    const during: number[] = [];
    let purging = true;
    const flushes = (async () => {
      for (let round = 100; purging; round++) {
        const start = performance.now();
        await writer.write(flushUnit(keyIds, organizationId, round));
        during.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    })();
    const purgeStart = performance.now();
    const purged = await writer.purge(new Date(Date.now() - 30 * DAY_MS));
    const purgeSeconds = (performance.now() - purgeStart) / 1000;
    purging = false;
    await flushes;

    const flushAlone: Timing = summarize(alone);
    return {
      rows,
      seedSeconds,
      flushOf2000Rows: { alone: flushAlone, duringPurge: summarize(during) },
      writeRowsPerSecond: Math.round(ROWS_PER_FLUSH / (flushAlone.p50Ms / 1000)),
      purge: { rows: purged, seconds: Math.round(purgeSeconds * 10) / 10, rowsPerSecond: Math.round(purged / purgeSeconds) },
    };
  } finally {
    await pool.end();
  }
}
