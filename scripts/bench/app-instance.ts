import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "@/lib/runtime/free-port";

export type AppInstance = { url: string; pid: number; stop(): Promise<void> };

// A real `npm start` process pointed at the benchmark's database.
export async function startAppInstance(env: Record<string, string>, nodeArgs: string[] = []): Promise<AppInstance> {
  const port = await findFreePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-keys-bench-app-"));
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, ...env, PORT: String(port), DATA_DIR: dataDir, HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Ready.")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`App instance exited (${code}):\n${output}`)));
  });
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    // Once, however often it is asked.
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        child.removeAllListeners("exit");
        child.on("exit", () => {
          fs.rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill("SIGTERM");
      })),
  };
}

// The baseline: a bare node:http server that reads the request body and
// answers a fixed JSON body, the same bytes as a real verification answer,
// so the load generator does the same work against both.
export async function startBareServer(fixedBody: string, processes = 1): Promise<AppInstance> {
  const port = await findFreePort();
  // With several processes, node:cluster shares the port as WEB_CONCURRENCY does.
  const source = `
    const cluster = require("node:cluster");
    const processes = ${processes};
    if (processes > 1 && cluster.isPrimary) {
      let ready = 0;
      for (let i = 0; i < processes; i++) cluster.fork().on("message", () => ++ready === processes && console.log("Ready."));
      process.on("SIGTERM", () => { for (const worker of Object.values(cluster.workers)) worker.kill(); process.exit(0); });
    } else {
      const body = process.env.BARE_BODY;
      const headers = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(body) };
      require("node:http").createServer((q, s) => {
        q.on("data", () => {});
        q.on("end", () => { s.writeHead(200, headers); s.end(body); });
      }).listen(${port}, "127.0.0.1", () => (process.send ? process.send("ready") : console.log("Ready.")));
    }`;
  // A file, not `node -e`: cluster.fork() starts the workers from the primary's script.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-keys-bare-"));
  const script = path.join(dir, "bare-server.cjs");
  fs.writeFileSync(script, source);
  const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, BARE_BODY: fixedBody } });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("Ready.") && resolve());
    child.on("exit", (code) => reject(new Error(`The bare server exited (${code}) before it was ready.`)));
  });
  child.removeAllListeners("exit");
  child.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      })),
  };
}
