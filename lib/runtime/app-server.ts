import type http from "node:http";
import pg from "pg";
import type { DatabaseUrls } from "@/lib/config/database-urls";
import { disconnectAll } from "@/lib/db/client";
import { startDeliveryWorker } from "@/lib/delivery/delivery-worker";
import { startHygieneDigests } from "@/lib/hygiene/send-digests";
import { startRotationReminders } from "@/lib/keys/rotation-reminders";
import type { PanelHosts } from "@/lib/security/panel-guard";
import type { ServiceTokens } from "@/lib/verify/service-tokens";
import { createVerifier } from "@/lib/verify/verifier";
import { databaseCheck, shippedMigrations } from "./database-check";
import { healthEndpoints } from "./health-endpoints";
import { startHttpServer } from "./http-server";
import { createReadiness } from "./readiness";

export type AppServerOptions = {
  host: string;
  port: number;
  urls: DatabaseUrls;
  hashSecret: string;
  panelHosts: PanelHosts;
  clientAddress: (request: http.IncomingMessage) => string;
  invalidKeyLimitPerMinute: number;
  cacheSize: number;
  activityRetentionDays: number;
  serviceTokens: ServiceTokens;
  maxConnections: number;
  maxConnectionsPerAddress: number;
  // Deliveries, rotation reminders and digests: one process per instance
  // runs them (they are safe in several at once, but need not poll twice).
  jobs: boolean;
  log: (line: string) => void;
};

export type AppServer = { stop(): Promise<void> };

// Everything one serving process runs: the verifier (its own cache and
// LISTEN connection), the health checks, Next behind our HTTP server, and
// the background jobs when asked. stop() drains in order: not ready, no new
// requests, the last usage batch written, connections closed.
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  let stopping = false;
  const verifier = createVerifier({
    databaseUrl: options.urls.pooled,
    directDatabaseUrl: options.urls.direct,
    hashSecret: options.hashSecret,
    clientAddress: options.clientAddress,
    invalidKeyLimitPerMinute: options.invalidKeyLimitPerMinute,
    cacheSize: options.cacheSize,
    activityRetentionDays: options.activityRetentionDays,
    serviceTokens: options.serviceTokens,
  });
  const checkPool = new pg.Pool({ connectionString: options.urls.pooled, max: 1, idleTimeoutMillis: 10_000 });
  checkPool.on("error", () => {});
  const readiness = createReadiness({
    checkDatabase: databaseCheck(checkPool, shippedMigrations()),
    listening: () => verifier.listening,
    stopping: () => stopping,
  });
  let jobs: { stop(): void }[] = [];
  let server: Awaited<ReturnType<typeof startHttpServer>> | undefined;
  try {
    server = await startHttpServer({
      host: options.host,
      port: options.port,
      verifier,
      health: healthEndpoints(readiness),
      clientAddress: options.clientAddress,
      panelHosts: options.panelHosts,
      maxConnections: options.maxConnections,
      maxConnectionsPerAddress: options.maxConnectionsPerAddress,
    });
  } catch (error) {
    await verifier.close().catch(() => {});
    await checkPool.end().catch(() => {});
    throw error;
  }
  if (options.jobs) {
    jobs = [startDeliveryWorker({ log: options.log }), startRotationReminders({ log: options.log }), startHygieneDigests({ log: options.log })];
  }
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        for (const job of jobs) job.stop();
        await server?.close();
        // After the last request: writes the Last Used times still in memory.
        await verifier.close();
        await checkPool.end().catch(() => {});
        await disconnectAll();
      })()),
  };
}
