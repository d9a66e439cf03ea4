// `npm test`: unit, integration (real PostgreSQL) and end-to-end (real
// browser) tests, then one summary line per suite and a total.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

type Counts = { passed: number; failed: number; skipped: number };
type Suite = { name: string; command: string[]; report: string; counts: (report: string) => Counts };

const vitestCounts = (file: string): Counts => {
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
};
const playwrightCounts = (file: string): Counts => {
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
};

const vitest = (project: string) => [
  "npx",
  "vitest",
  "run",
  "--project",
  project,
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=test-results/${project}.json`,
];

const SUITES: Suite[] = [
  { name: "Unit", command: vitest("unit"), report: "test-results/unit.json", counts: vitestCounts },
  { name: "Integration", command: vitest("integration"), report: "test-results/integration.json", counts: vitestCounts },
  { name: "End-to-end", command: ["node", "--import", "tsx", "scripts/test-e2e.ts"], report: "test-results/e2e.json", counts: playwrightCounts },
];

const only = process.argv.slice(2);
const results: { name: string; exitCode: number; counts?: Counts }[] = [];
for (const suite of SUITES.filter((s) => only.length === 0 || only.includes(s.name.toLowerCase()))) {
  console.log(`\n=== ${suite.name} tests ===`);
  fs.rmSync(suite.report, { force: true });
  const [command, ...args] = suite.command;
  const exitCode = spawnSync(command, args, { stdio: "inherit", env: process.env.CI ? process.env : { ...process.env, FORCE_COLOR: "1" } }).status ?? 1;
  const counts = fs.existsSync(suite.report) ? suite.counts(suite.report) : undefined;
  results.push({ name: suite.name, exitCode, counts });
}

console.log("\n=== Summary ===");
let failedSuites = 0;
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
for (const { name, exitCode, counts } of results) {
  const ok = exitCode === 0 && counts !== undefined && counts.failed === 0 && counts.passed > 0;
  if (!ok) failedSuites++;
  if (counts) for (const key of ["passed", "failed", "skipped"] as const) total[key] += counts[key];
  const detail = counts ? `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped` : "did not report";
  console.log(`${ok ? "ok  " : "FAIL"} ${name.padEnd(12)} ${detail}${exitCode === 0 ? "" : ` (exit ${exitCode})`}`);
}
console.log(`\nTotal: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedSuites === 0 ? 0 : 1);
