// `npm run bench`: prints figures and writes them to bench-results/. Speed
// targets are checked here, never in timed tests.
import fs from "node:fs";
import os from "node:os";
import { REFUSAL_FLOOR_MS } from "@/lib/auth/refusal-floor";
import { disconnectAll } from "@/lib/db/client";
import { buildApp, buildIsCurrent } from "@/lib/runtime/build";
import { startBenchDatabase } from "./bench/bench-database";
import { benchActivity } from "./bench/activity.bench";
import { benchListKeys, TARGET_P50_MS as LIST_TARGET_P50_MS } from "./bench/list-keys.bench";
import { benchSignIn } from "./bench/sign-in.bench";
import { benchVerify } from "./bench/verify.bench";

function write(name: string, data: unknown) {
  fs.mkdirSync("bench-results", { recursive: true });
  const machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  fs.writeFileSync(`bench-results/${name}.json`, JSON.stringify({ measuredAt: new Date().toISOString(), machine, ...(data as object) }, null, 2));
  console.log(`Written to bench-results/${name}.json\n`);
}

const check = (label: string, ok: boolean, detail: string) => console.log(`${ok ? "MET    " : "NOT MET"} ${label}: ${detail}`);

async function main() {
  const only = process.argv.slice(2);
  const wants = (name: string) => only.length === 0 || only.includes(name);
  process.env.KEY_HASH_SECRET ??= "bench-key-hash-secret";
  process.env.AUDIT_HMAC_SECRET ??= "bench-audit-hmac-secret";
  const database = await startBenchDatabase();
  process.env.DATABASE_URL = database.url;
  try {
    if (wants("list")) {
      console.log(`Secret Keys list (keyset pages, bounded count), target p50 <= ${LIST_TARGET_P50_MS} ms:`);
      const results = await benchListKeys(database.url);
      for (const size of results.sizes) {
        const missed = Object.entries(size.results).filter(([, t]) => !t.met);
        check(
          `every shape at ${size.keys.toLocaleString("en")} keys under ${LIST_TARGET_P50_MS} ms p50`,
          missed.length === 0,
          missed.length === 0
            ? `slowest ${Math.max(...Object.values(size.results).map((t) => t.p50Ms))} ms`
            : missed.map(([label, t]) => `${label} ${t.p50Ms} ms`).join("; "),
        );
      }
      write("list-keys", { targetP50Ms: LIST_TARGET_P50_MS, ...results });
    }
    if (wants("sign-in")) {
      console.log(`Wrong-password refusals, known vs unknown email (medians should match; floor ${REFUSAL_FLOOR_MS} ms):`);
      const results = await benchSignIn();
      console.table(results);
      const [served, unknown] = [results["known email, audit after the answer (as served)"], results["unknown email"]];
      check("medians within 5%", Math.abs(served.p50Ms - unknown.p50Ms) <= 0.05 * unknown.p50Ms, `${served.p50Ms} vs ${unknown.p50Ms} ms`);
      write("sign-in", { floorMs: REFUSAL_FLOOR_MS, results });
    }
    if (wants("activity")) {
      console.log("Usage recorder writes and the retention purge (KeyActivity at volume; BENCH_ACTIVITY_ROWS to change):");
      const results = await benchActivity(database.url);
      console.log(`Seeded ${results.rows.toLocaleString("en")} rows in ${results.seedSeconds} s.`);
      console.table({ "flush of 2,000 rows, alone (ms)": results.flushOf2000Rows.alone, "flush during the purge (ms)": results.flushOf2000Rows.duringPurge });
      console.log(`Writes: ${results.writeRowsPerSecond.toLocaleString("en")} activity rows/s from one instance's flushes.`);
      console.log(
        `Purge: ${results.purge.rows.toLocaleString("en")} rows in ${results.purge.seconds} s (${results.purge.rowsPerSecond.toLocaleString("en")} rows/s).`,
      );
      check("flushes during the purge stay under 1 s", results.flushOf2000Rows.duringPurge.maxMs < 1000, `max ${results.flushOf2000Rows.duringPurge.maxMs} ms`);
      write("activity", results);
    }
    if (wants("verify")) {
      if (!buildIsCurrent()) {
        console.log("Building the app first…");
        await buildApp();
      }
      // A database of its own: the list and activity benches leave a million
      // keys and ten million activity rows behind, and the instances' hourly
      // jobs would work through them during the load.
      const verifyDatabase = only.length === 1 ? database : await startBenchDatabase();
      // The bench's own keys go there too (the data layer follows DATABASE_URL).
      process.env.DATABASE_URL = verifyDatabase.url;
      const results = await benchVerify(verifyDatabase.url).finally(async () => {
        process.env.DATABASE_URL = database.url;
        if (verifyDatabase !== database) {
          await disconnectAll();
          await verifyDatabase.stop();
        }
      });
      console.table({ "revocation (ms)": results.revocationMs, "Last Used lag (ms)": results.lastUsedLagMs });
      console.log(
        `Ratios: CPU per request b/a = ${results.ratios["cpu b/a"]}, c/a = ${results.ratios["cpu c/a"]}; throughput b/a = ${results.ratios["b/a"]}, c/a = ${results.ratios["c/a"]}`,
      );
      check("CPU per valid verification <= 1.5x the bare server's", results.ratios["cpu b/a"] <= 1.5, `${results.ratios["cpu b/a"]}x`);
      check("p99 of (b) <= 10 ms", results.load["(b) valid keys"].p99Ms <= 10, `${results.load["(b) valid keys"].p99Ms} ms`);
      check("revocation < 1 s", results.revocationMs.maxMs < 1000, `max ${results.revocationMs.maxMs} ms over ${results.revocationMs.runs} deletions`);
      const rows = results.workers?.rows ?? [];
      const row = (server: string, processes: number) => rows.find((r) => r.server === server && r.processes === processes);
      for (const processes of [...new Set(rows.map((r) => r.processes))]) {
        const [bare, app] = [row("bare node:http", processes), row("Secret Keys", processes)];
        if (!bare || !app) continue;
        const ratio = Math.round((app.verifyCpuUsPerRequest / bare.verifyCpuUsPerRequest) * 100) / 100;
        check(
          `wrk, ${processes} process(es): CPU per valid verification <= 1.5x the bare server's`,
          ratio <= 1.5,
          `${ratio}x (${app.verifyCpuUsPerRequest} vs ${bare.verifyCpuUsPerRequest} µs)`,
        );
        check(`wrk, ${processes} process(es): p99 of valid keys <= 10 ms`, app.verifyP99Ms <= 10, `${app.verifyP99Ms} ms`);
      }
      const [one, many] = rows.filter((r) => r.server === "Secret Keys");
      if (one && many) {
        check(
          `${many.processes} server processes verify more per second than 1`,
          many.verifyRequestsPerSecond > one.verifyRequestsPerSecond,
          `${many.verifyRequestsPerSecond} vs ${one.verifyRequestsPerSecond} requests/s`,
        );
      }
      write("verify", results);
    }
  } finally {
    await disconnectAll();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
