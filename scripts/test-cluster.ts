// `npm run test:cluster`: several app instances behind a real HAProxy, on a
// throwaway database of the PostgreSQL server at 127.0.0.1:5432 (or
// CLUSTER_DATABASE_URL), then the same through PgBouncer in transaction
// mode. Needs haproxy and pgbouncer (installed with apt-get when missing and
// running as root); without them, or without a PostgreSQL server, it says so
// and skips. Loopback addresses only.
import net from "node:net";
import { buildApp, buildIsCurrent } from "@/lib/runtime/build";
import { startTestRun } from "@/lib/testing/test-database";
import { runScenario, type ScenarioResult } from "./cluster/scenario";
import { ensureTool } from "./cluster/tools";

const log = (line: string) => console.log(`[cluster] ${line}`);

function answers(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port || 5432), url.hostname);
    socket.setTimeout(2_000, () => (socket.destroy(), resolve(false)));
    socket.on("connect", () => (socket.end(), resolve(true)));
    socket.on("error", () => resolve(false));
  });
}

async function main(): Promise<number> {
  const adminUrl = process.env.CLUSTER_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const { hostname } = new URL(adminUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(hostname)) throw new Error("The cluster test runs on loopback addresses only.");
  if (!(await answers(new URL(adminUrl)))) {
    log(`SKIPPED: no PostgreSQL server answers at ${hostname}:${new URL(adminUrl).port || 5432} (set CLUSTER_DATABASE_URL).`);
    return 0;
  }
  for (const [command, debianPackage] of [
    ["haproxy", "haproxy"],
    ["pgbouncer", "pgbouncer"],
  ]) {
    const tool = ensureTool(command, debianPackage, log);
    if (!tool.ok) {
      log(`SKIPPED: ${tool.reason}.`);
      return 0;
    }
  }
  startTestRun();
  process.env.KEY_HASH_SECRET = "cluster-test-key-hash-secret-0123456789";
  process.env.AUDIT_HMAC_SECRET = "cluster-test-audit-hmac-secret-0123456789";
  if (!buildIsCurrent()) {
    log("Building the app…");
    await buildApp();
  }
  const results: Record<string, ScenarioResult> = {};
  for (const pooler of [false, true]) {
    const label = pooler ? "through PgBouncer (transaction mode)" : "directly on PostgreSQL";
    log(`=== Three instances behind HAProxy, ${label} ===`);
    results[label] = await runScenario({ adminUrl, pooler, log });
  }
  console.table(results);
  log("All cluster checks passed.");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[cluster] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
