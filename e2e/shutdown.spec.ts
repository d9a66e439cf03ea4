import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { generateKey, hashKey } from "@/lib/keys/key-format";
import { findFreePort } from "@/lib/runtime/free-port";
import { expect, test } from "./fixtures";

// A second app of our own (its own data directory and port), started as
// `npm start` is from a terminal: in a process group of its own, so a
// Ctrl-C can be sent to the whole group, as a terminal does.
type App = { process: ChildProcess; output: () => string; port: number };

async function startApp(dataDir: string, port: number): Promise<App> {
  const child = spawn("node", ["--import", "tsx", "scripts/start.ts"], {
    detached: true,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "", NEXTAUTH_URL: "", SMTP_URL: "", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  // Ready, or at once the reason it is not (an app that stopped before).
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Not ready within 120 s:\n${output}`)), 120_000);
    const check = () => {
      if (!/Ready\./.test(output)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    // "close": after its output is read to the end, which says why it stopped.
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The app stopped (${code ?? signal}) before it was ready:\n${output}`));
    });
    child.once("error", reject);
  });
  return { process: child, output: () => output, port };
}

async function database(dataDir: string) {
  const credentials = JSON.parse(fs.readFileSync(path.join(dataDir, "embedded-postgres.json"), "utf8"));
  const port = Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[3]);
  const client = new pg.Client({ host: "127.0.0.1", port, user: credentials.user, password: credentials.password, database: "postgres" });
  await client.connect();
  return client;
}

test.describe.configure({ timeout: 300_000 });

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  test(`${signal} to the whole process group keeps a verification made just before it, and stops cleanly`, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-keys-shutdown-"));
    fs.chmodSync(dataDir, 0o755);
    const port = await findFreePort();
    try {
      let app = await startApp(dataDir, port);
      const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "server-secrets.json"), "utf8"));
      const key = generateKey("PRODUCTION");
      let db = await database(dataDir);
      await db.query(`INSERT INTO "Organization" ("id", "name") VALUES ('org_shutdown', 'Shutdown test')`);
      await db.query(
        `INSERT INTO "SecretKey" ("id", "organizationId", "name", "liveName", "environment", "scopes", "permission", "hash", "displayPrefix", "lastFour")
         VALUES ('key_shutdown', 'org_shutdown', 'k', 'k', 'PRODUCTION', '{DATASET,TRAINING,DEPLOYMENT}', 'FULL', $1, $2, $3)`,
        [hashKey(key.secret, secrets.keyHashSecret), key.displayPrefix, key.lastFour],
      );
      await db.end();

      const verified = await fetch(`http://127.0.0.1:${port}/api/v1/keys/verify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ key: key.secret, scope: "dataset", action: "read" }),
      });
      expect(verified.status).toBe(200);
      // At once, before the 2-second usage flush: what a terminal's Ctrl-C does.
      const signalledAt = Date.now();
      process.kill(-app.process.pid!, signal);
      await new Promise((resolve) => app.process.once("exit", resolve));
      const stoppedAfter = Date.now() - signalledAt;
      expect(app.output()).toMatch(/Stopped\.\s*$/);
      expect(app.output()).not.toMatch(/Could not record key usage/);
      console.log(`${signal}: stopped ${stoppedAfter} ms after the signal`);
      // A bound against hanging, not a speed target (the time is printed
      // above): on a loaded machine a server process has once taken 15 s.
      expect(stoppedAfter).toBeLessThan(30_000);

      app = await startApp(dataDir, port);
      db = await database(dataDir);
      const { rows } = await db.query(`SELECT "lastUsedAt" FROM "SecretKey" WHERE "id" = 'key_shutdown'`);
      const { rows: activity } = await db.query(`SELECT sum("requestCount")::int AS n FROM "KeyActivity" WHERE "keyId" = 'key_shutdown'`);
      await db.end();
      expect(rows[0].lastUsedAt).not.toBeNull();
      expect(activity[0].n).toBe(1);
      process.kill(-app.process.pid!, "SIGTERM");
      await new Promise((resolve) => app.process.once("exit", resolve));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
