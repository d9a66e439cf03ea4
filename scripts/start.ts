// `npm start`: the panel with its database. With DATABASE_URL unset, an
// embedded PostgreSQL in DATA_DIR (default .data/); otherwise that database.
// This process (the primary) prepares the database and the build, then
// serves with WEB_CONCURRENCY server processes (node:cluster) sharing the
// port; with one, it serves itself.
import cluster from "node:cluster";
import os from "node:os";
import { sealUnsealedEvents } from "@/lib/audit/seal-unsealed-events";
import { databaseUrls } from "@/lib/config/database-urls";
import { dataDir } from "@/lib/config/paths";
import { loadServerSecrets } from "@/lib/config/server-secrets";
import { disconnectAll } from "@/lib/db/client";
import { smtpConfig } from "@/lib/email/smtp-config";
import { ssoConfig } from "@/lib/sso/sso-config";
import { startAppServer, type AppServer, type AppServerOptions } from "@/lib/runtime/app-server";
import { buildApp, buildIsCurrent } from "@/lib/runtime/build";
import { lockDataDir } from "@/lib/runtime/data-dir-lock";
import { startEmbeddedPostgres, type RunningDatabase } from "@/lib/runtime/embedded-postgres";
import { clientAddressResolver } from "@/lib/runtime/client-address-resolver";
import { parseTrustProxy } from "@/lib/net/forwarded-client";
import { applyMigrations } from "@/lib/runtime/migrate";
import { webConcurrency } from "@/lib/runtime/web-concurrency";
import { startWorkerPool, STOP_MESSAGE, WORKER_INDEX_ENV, type WorkerMessage, type WorkerPool } from "@/lib/runtime/worker-pool";
import { ensureSetupToken } from "@/lib/setup/setup-token";
import { panelHosts as resolvePanelHosts } from "@/lib/security/panel-guard";
import { parseServiceTokens } from "@/lib/verify/service-tokens";

const workerIndex = process.env[WORKER_INDEX_ENV];
const log = (line: string) => console.log(workerIndex === undefined ? `[secret-keys] ${line}` : `[secret-keys ${workerIndex}] ${line}`);
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
// NEXTAUTH_URL as the operator set it (the primary fills in a default for Next).
const PUBLIC_URL_ENV = "SECRET_KEYS_PUBLIC_URL";

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}".`);
  return value;
}

function listenAddress(): { host: string; port: number } {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}".`);
  return { host: process.env.HOST ?? "127.0.0.1", port };
}

// What a serving process needs, from the environment the primary prepared.
function appServerOptions(jobs: boolean): AppServerOptions {
  const { host, port } = listenAddress();
  return {
    host,
    port,
    urls: databaseUrls(),
    hashSecret: process.env.KEY_HASH_SECRET!,
    panelHosts: resolvePanelHosts({ publicUrl: process.env[PUBLIC_URL_ENV] || undefined, port, extraHosts: process.env.ALLOWED_HOSTS }),
    clientAddress: clientAddressResolver(parseTrustProxy(process.env.TRUST_PROXY)),
    invalidKeyLimitPerMinute: positiveNumber("INVALID_KEY_LIMIT_PER_MINUTE", 60),
    cacheSize: positiveNumber("VERIFY_CACHE_SIZE", 100_000),
    activityRetentionDays: positiveNumber("ACTIVITY_RETENTION_DAYS", 30),
    serviceTokens: parseServiceTokens(process.env.VERIFY_SERVICE_TOKENS),
    maxConnections: positiveNumber("MAX_CONNECTIONS", 10_000),
    maxConnectionsPerAddress: positiveNumber("MAX_CONNECTIONS_PER_ADDRESS", 256),
    jobs,
    log,
  };
}

// Events from before audit seals existed get theirs once, here. On any later
// start the line should not appear: it would mean seals were removed or
// events were written outside the app.
async function sealOldAuditEvents() {
  try {
    for (const { organizationId, sealed } of await sealUnsealedEvents()) {
      log(`Sealed ${sealed} audit events of organization ${organizationId} that had no seal (written before audit seals existed; trusted as found).`);
    }
  } catch (error) {
    log(`Sealing old audit events failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// A server process of the primary's pool. It stops (draining, writing its
// last usage batch) when the primary says so, when the primary is gone, or
// on a signal of its own (a terminal's Ctrl-C reaches the whole group).
async function runWorker() {
  let app: AppServer | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await app?.stop().catch((error: unknown) => log(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`));
      process.exit(0);
    })());
  process.on("message", (message: unknown) => (message as typeof STOP_MESSAGE)?.type === STOP_MESSAGE.type && void stop());
  process.on("disconnect", () => void stop());
  for (const signal of SIGNALS) process.on(signal, () => void stop());
  try {
    app = await startAppServer(appServerOptions(workerIndex === "0"));
    process.send?.({ type: "ready" } satisfies WorkerMessage);
  } catch (error) {
    process.send?.({ type: "failed", message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
    process.exit(1);
  }
}

async function main() {
  const { port } = listenAddress();
  const directory = dataDir();
  const lock = lockDataDir(directory);
  let app: AppServer | undefined;
  let pool: WorkerPool | undefined;
  let database: RunningDatabase | undefined;

  let appStopping: Promise<void> | undefined;
  const stopApp = () =>
    (appStopping ??= (async () => {
      await app?.stop();
      await pool?.stop();
      await disconnectAll();
    })());
  let stopped: Promise<void> | undefined;
  const stopAll = () =>
    (stopped ??= (async () => {
      log("Stopping…");
      await stopApp();
      await database?.stop();
      lock.release();
      log("Stopped.");
    })());
  const exitCleanly = () => void stopAll().finally(() => process.exit(0));
  for (const signal of SIGNALS) process.on(signal, exitCleanly);
  // `npm start` does not pass SIGTERM on through its shell: when our parent
  // goes away, stop too rather than leave the app and database orphaned.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && exitCleanly(), 500).unref();

  try {
    const secrets = loadServerSecrets(directory);
    process.env.NEXTAUTH_SECRET = secrets.sessionSecret;
    process.env.KEY_HASH_SECRET = secrets.keyHashSecret;
    process.env.AUDIT_HMAC_SECRET = secrets.auditHmacSecret;
    process.env.TWO_FACTOR_SECRET = secrets.twoFactorSecret;
    process.env[PUBLIC_URL_ENV] = process.env.NEXTAUTH_URL ?? "";
    // Checked here so a bad setting stops the start with a clear message.
    resolvePanelHosts({ publicUrl: process.env.NEXTAUTH_URL || undefined, port, extraHosts: process.env.ALLOWED_HOSTS });
    parseTrustProxy(process.env.TRUST_PROXY);
    process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
    const smtp = smtpConfig();
    log(smtp ? `Incident emails go through ${smtp.host}.` : "Email is off (set SMTP_URL and SMTP_FROM to send incident emails).");
    const sso = ssoConfig();
    log(
      sso
        ? `Single sign-on through ${sso.issuer} (new people join as ${sso.defaultRole} where allowed).`
        : "Single sign-on is off (set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET).",
    );

    if (process.env.DATABASE_URL) {
      log(
        process.env.DIRECT_DATABASE_URL && process.env.DIRECT_DATABASE_URL !== process.env.DATABASE_URL
          ? "Using the PostgreSQL database from DATABASE_URL (a pooler), and DIRECT_DATABASE_URL for notifications and migrations."
          : "Using the PostgreSQL database from DATABASE_URL.",
      );
    } else {
      database = await startEmbeddedPostgres({ dataDir: directory, beforeStop: stopApp, log });
      process.env.DATABASE_URL = database.url;
      delete process.env.DIRECT_DATABASE_URL;
      log(`Embedded PostgreSQL is running; its data is in ${directory}.`);
    }
    const urls = databaseUrls();
    const processes = webConcurrency({
      setting: process.env.WEB_CONCURRENCY,
      cores: os.availableParallelism(),
      memoryBytes: Math.min(os.totalmem(), process.constrainedMemory?.() || Infinity),
    });

    log("Applying database migrations…");
    // Migrations hold a session advisory lock: never through a pooler.
    await applyMigrations(urls.direct, { log });
    await sealOldAuditEvents();
    if (!buildIsCurrent()) {
      log("Building the app (first start, or the source changed; this takes a minute or two)…");
      await buildApp();
    }
    const setupToken = await ensureSetupToken(directory);
    if (processes === 1) {
      app = await startAppServer(appServerOptions(true));
    } else {
      // The server processes open their own connections.
      await disconnectAll();
      log(`Starting ${processes} server processes (WEB_CONCURRENCY)…`);
      pool = await startWorkerPool({ count: processes, log });
    }
    const publicUrl = process.env.NEXTAUTH_URL.replace(/\/$/, "");
    if (setupToken) log(`Ready. Set up your organization at ${publicUrl}/setup?token=${setupToken}`);
    else log(`Ready. Open ${publicUrl}`);
  } catch (error) {
    console.error(`[secret-keys] ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    process.exit(1);
  }
}

(cluster.isWorker ? runWorker() : main()).catch((error: unknown) => {
  console.error(`[secret-keys] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
