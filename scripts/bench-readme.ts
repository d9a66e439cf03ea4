// `npm run bench:readme`: rewrites the README's benchmark tables from
// bench-results/*.json (written by `npm run bench`), so the figures a user
// reads are the measured ones, with their date and machine.
import fs from "node:fs";
import type { WorkersRow } from "./bench/workers.bench";

type Machine = { cores: number; cpu: string; memoryGiB: number; node: string };
type Result<T> = T & { measuredAt: string; machine?: Machine };

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

function read<T>(name: string): Result<T> | null {
  const file = `bench-results/${name}.json`;
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Result<T>) : null;
}

const when = (result: { measuredAt: string; machine?: Machine }) =>
  `Measured ${result.measuredAt.slice(0, 10)} on ${result.machine ? `${result.machine.cores} cores (${result.machine.cpu}), Node ${result.machine.node}` : "an unrecorded machine"}.`;

const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");

type Load = { requestsPerSecond: number; cpuUsPerRequest?: number; p50Ms: number; p99Ms: number };
type Verify = {
  load: Record<string, Load>;
  ratios: Record<string, number>;
  revocationMs: { p50Ms: number; maxMs: number; runs: number };
  lastUsedLagMs: { maxMs: number };
  workers?: {
    loadGenerator: string;
    rows: WorkersRow[];
  } | null;
};
type Timing = { p50Ms: number; p95Ms?: number; maxMs?: number };
type Activity = {
  rows: number;
  seedSeconds: number;
  flushOf2000Rows: Record<"alone" | "duringPurge", Timing>;
  writeRowsPerSecond: number;
  purge: { rows: number; seconds: number; rowsPerSecond: number };
};
type ListBench = {
  targetP50Ms: number;
  sizes: { keys: number; searchMode: string; results: Record<string, Timing & { met: boolean }> }[];
  lastUsedFlush: Record<string, Timing>;
};

function sections(): string {
  const parts: string[] = [];
  const verify = read<Verify>("verify");
  if (verify) {
    parts.push(
      "**Verification API** (`npm run bench -- verify`; load generator on the same machine, 50 connections):",
      "",
      table(
        ["", "server CPU per request", "requests/s", "p50", "p99"],
        Object.entries(verify.load).map(([label, l]) => [
          label,
          l.cpuUsPerRequest === undefined ? "not measured" : `${l.cpuUsPerRequest} µs`,
          l.requestsPerSecond.toLocaleString("en"),
          `${l.p50Ms} ms`,
          `${l.p99Ms} ms`,
        ]),
      ),
      "",
      `Ratios: ${Object.entries(verify.ratios)
        .map(([k, v]) => `${k} = ${v}`)
        .join(
          ", ",
        )}. Revocation across two instances: p50 ${verify.revocationMs.p50Ms} ms, max ${verify.revocationMs.maxMs} ms over ${verify.revocationMs.runs} deletions. Last Used lag at most ${verify.lastUsedLagMs.maxMs} ms. ${when(verify)}`,
      "",
    );
    if (verify.workers) {
      parts.push(
        `**Server processes** (\`WEB_CONCURRENCY\`; ${verify.workers.loadGenerator}; a page is \`GET /signin\`, rendered by Next):`,
        "",
        table(
          [
            "server",
            "processes",
            "verify requests/s",
            "verify CPU per request",
            "verify p99",
            "page requests/s",
            "page CPU per request",
            "memory (primary / each process)",
          ],
          verify.workers.rows.map((row) => [
            row.server ?? "Secret Keys",
            row.processes,
            row.verifyRequestsPerSecond.toLocaleString("en"),
            `${row.verifyCpuUsPerRequest} µs`,
            `${row.verifyP99Ms} ms`,
            row.pageRequestsPerSecond === null ? "" : row.pageRequestsPerSecond.toLocaleString("en"),
            row.pageCpuUsPerRequest === null ? "" : `${row.pageCpuUsPerRequest} µs`,
            `${row.rssMiB} MiB`,
          ]),
        ),
        "",
      );
    }
  }
  const list = read<ListBench>("list-keys");
  if (list?.sizes) {
    const shapes = Object.keys(list.sizes[0].results);
    parts.push(
      `**Secret Keys list** (\`npm run bench -- list\`; p50 / p95 per shape, target p50 ≤ ${list.targetP50Ms} ms; keys of one organization, seeded set-based):`,
      "",
      table(
        ["shape", ...list.sizes.map((size) => `${size.keys.toLocaleString("en")} keys`)],
        shapes.map((shape) => [
          shape,
          ...list.sizes.map((size) => {
            const t = size.results[shape];
            return t ? `${t.p50Ms} / ${t.p95Ms} ms${t.met ? "" : " (not met)"}` : "";
          }),
        ]),
      ),
      "",
      `Last Used flush of 2,000 keys at ${list.sizes[list.sizes.length - 1].keys.toLocaleString("en")} keys (p50 / p95): ${Object.entries(list.lastUsedFlush)
        .map(([label, t]) => `${label} ${t.p50Ms} / ${t.p95Ms} ms`)
        .join("; ")}. Search mode: ${list.sizes[0].searchMode}. ${when(list)}`,
      "",
    );
  }
  const signIn = read<{ floorMs: number; results: Record<string, Timing> }>("sign-in");
  if (signIn) {
    parts.push(
      `**Refused sign-ins** (\`npm run bench -- sign-in\`; every refusal waits for a ${signIn.floorMs} ms floor):`,
      "",
      table(
        ["case", "p50"],
        Object.entries(signIn.results).map(([label, t]) => [label, `${t.p50Ms} ms`]),
      ),
      "",
      when(signIn),
      "",
    );
  }
  const activity = read<Activity>("activity");
  if (activity) {
    parts.push(
      `**Activity at volume** (\`npm run bench -- activity\`; ${activity.rows.toLocaleString("en")} rows across 1,000 keys, seeded in ${activity.seedSeconds} s):`,
      "",
      table(
        ["flush of 2,000 activity rows", "p50", "p95", "max"],
        [
          ["alone", `${activity.flushOf2000Rows.alone.p50Ms} ms`, `${activity.flushOf2000Rows.alone.p95Ms} ms`, `${activity.flushOf2000Rows.alone.maxMs} ms`],
          [
            "during the purge",
            `${activity.flushOf2000Rows.duringPurge.p50Ms} ms`,
            `${activity.flushOf2000Rows.duringPurge.p95Ms} ms`,
            `${activity.flushOf2000Rows.duringPurge.maxMs} ms`,
          ],
        ],
      ),
      "",
      `Writes: ${activity.writeRowsPerSecond.toLocaleString("en")} activity rows/s from one instance's flushes. Purge: ${activity.purge.rows.toLocaleString("en")} rows in ${activity.purge.seconds} s (${activity.purge.rowsPerSecond.toLocaleString("en")} rows/s, in batches of 5,000). ${when(activity)}`,
      "",
    );
  }
  return parts.join("\n").trim();
}

const readme = fs.readFileSync("README.md", "utf8");
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) throw new Error(`README.md needs ${START} and ${END} around the benchmark tables.`);
fs.writeFileSync("README.md", `${readme.slice(0, start + START.length)}\n${sections()}\n${readme.slice(end)}`);
console.log("README.md benchmark tables rewritten from bench-results/.");
