// `npm start`: the panel with its database. With DATABASE_URL unset, an
// embedded PostgreSQL in DATA_DIR (default .data/); otherwise that database.
import { sealUnsealedEvents } from "@/lib/audit/seal-unsealed-events";
import { dataDir } from "@/lib/config/paths";
import { loadServerSecrets } from "@/lib/config/server-secrets";
import { disconnectAll } from "@/lib/db/client";
import { startDeliveryWorker } from "@/lib/delivery/delivery-worker";
import { smtpConfig } from "@/lib/email/smtp-config";
import { ssoConfig } from "@/lib/sso/sso-config";
import { startHygieneDigests } from "@/lib/hygiene/send-digests";
import { startRotationReminders } from "@/lib/keys/rotation-reminders";
import { buildApp, buildIsCurrent } from "@/lib/runtime/build";
import { lockDataDir } from "@/lib/runtime/data-dir-lock";
import { startEmbeddedPostgres, type RunningDatabase } from "@/lib/runtime/embedded-postgres";
import { clientAddressResolver, startHttpServer, type RunningServer } from "@/lib/runtime/http-server";
import { parseTrustProxy } from "@/lib/net/forwarded-client";
import { applyMigrations } from "@/lib/runtime/migrate";
import { ensureSetupToken } from "@/lib/setup/setup-token";
import { panelHosts as resolvePanelHosts } from "@/lib/security/panel-guard";
import { parseServiceTokens } from "@/lib/verify/service-tokens";
import { createVerifier, type Verifier } from "@/lib/verify/verifier";

const log = (line: string) => console.log(`[secret-keys] ${line}`);

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}".`);
  return value;
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

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}".`);

  const directory = dataDir();
  const lock = lockDataDir(directory);
  let server: RunningServer | undefined;
  let verifier: Verifier | undefined;
  let deliveries: { stop(): void } | undefined;
  let reminders: { stop(): void } | undefined;
  let digests: { stop(): void } | undefined;
  let database: RunningDatabase | undefined;

  let appStopping: Promise<void> | undefined;
  const stopApp = () =>
    (appStopping ??= (async () => {
      deliveries?.stop();
      reminders?.stop();
      digests?.stop();
      await server?.close();
      // After the last request: writes the Last Used times still in memory.
      await verifier?.close();
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
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, exitCleanly);
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
    const panelHosts = resolvePanelHosts({ publicUrl: process.env.NEXTAUTH_URL || undefined, port, extraHosts: process.env.ALLOWED_HOSTS });
    process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
    const clientAddress = clientAddressResolver(parseTrustProxy(process.env.TRUST_PROXY));
    const smtp = smtpConfig();
    log(smtp ? `Incident emails go through ${smtp.host}.` : "Email is off (set SMTP_URL and SMTP_FROM to send incident emails).");
    const sso = ssoConfig();
    log(
      sso
        ? `Single sign-on through ${sso.issuer} (new people join as ${sso.defaultRole} where allowed).`
        : "Single sign-on is off (set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET).",
    );

    if (process.env.DATABASE_URL) {
      log("Using the PostgreSQL database from DATABASE_URL.");
    } else {
      database = await startEmbeddedPostgres({ dataDir: directory, beforeStop: stopApp, log });
      process.env.DATABASE_URL = database.url;
      log(`Embedded PostgreSQL is running; its data is in ${directory}.`);
    }

    log("Applying database migrations…");
    await applyMigrations(process.env.DATABASE_URL);
    await sealOldAuditEvents();
    if (!buildIsCurrent()) {
      log("Building the app (first start, or the source changed; this takes a minute or two)…");
      await buildApp();
    }
    verifier = createVerifier({
      databaseUrl: process.env.DATABASE_URL,
      hashSecret: secrets.keyHashSecret,
      clientAddress,
      invalidKeyLimitPerMinute: positiveNumber("INVALID_KEY_LIMIT_PER_MINUTE", 60),
      cacheSize: positiveNumber("VERIFY_CACHE_SIZE", 100_000),
      activityRetentionDays: positiveNumber("ACTIVITY_RETENTION_DAYS", 30),
      serviceTokens: parseServiceTokens(process.env.VERIFY_SERVICE_TOKENS),
    });
    server = await startHttpServer({
      host,
      port,
      verifier,
      clientAddress,
      panelHosts,
      maxConnections: positiveNumber("MAX_CONNECTIONS", 10_000),
      maxConnectionsPerAddress: positiveNumber("MAX_CONNECTIONS_PER_ADDRESS", 256),
    });
    deliveries = startDeliveryWorker({ log });
    reminders = startRotationReminders({ log });
    digests = startHygieneDigests({ log });
    const setupToken = await ensureSetupToken(directory);
    const publicUrl = process.env.NEXTAUTH_URL.replace(/\/$/, "");
    if (setupToken) log(`Ready. Set up your organization at ${publicUrl}/setup?token=${setupToken}`);
    else log(`Ready. Open ${publicUrl}`);
  } catch (error) {
    console.error(`[secret-keys] ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(`[secret-keys] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
