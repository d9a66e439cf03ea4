import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type WrkResult = { requestsPerSecond: number; requests: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };

export const hasWrk = () => spawnSync("sh", ["-c", "command -v wrk"], { stdio: "ignore" }).status === 0;

const ms = (value: string, unit: string) => Number(value) * (unit === "us" ? 0.001 : unit === "s" ? 1000 : 1);

// wrk (a C load generator, lighter than autocannon, so it leaves more of a
// shared machine to the servers measured) with a Lua script cycling through
// the bodies; GET when there are none.
export async function wrkLoad(options: { url: string; bodies?: string[]; connections: number; threads: number; seconds: number }): Promise<WrkResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-keys-wrk-"));
  const script = path.join(dir, "load.lua");
  const bodies = options.bodies ?? [];
  fs.writeFileSync(
    script,
    bodies.length === 0
      ? ""
      : `local bodies = { ${bodies.map((body) => JSON.stringify(body)).join(", ")} }
local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, bodies[i])
end
`,
  );
  // A page render can take seconds on a busy machine: wait rather than count it as an error.
  const args = [
    "-t",
    String(options.threads),
    "-c",
    String(options.connections),
    "-d",
    `${options.seconds}s`,
    "--timeout",
    "10s",
    "--latency",
    "-s",
    script,
    options.url,
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn("wrk", args);
    let text = "";
    child.stdout.on("data", (chunk) => (text += chunk));
    child.stderr.on("data", (chunk) => (text += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk failed: ${text}`))));
  });
  fs.rmSync(dir, { recursive: true, force: true });
  const latency = (percent: string) => {
    const match = new RegExp(`^\\s*${percent}%\\s+([\\d.]+)(us|ms|s)`, "m").exec(output);
    return match ? Math.round(ms(match[1], match[2]) * 100) / 100 : NaN;
  };
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requestsPerSecond: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 0)),
    requests: Number(/(\d+) requests in/.exec(output)?.[1] ?? 0),
    p50Ms: latency("50"),
    p99Ms: latency("99"),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
    errors: errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}
