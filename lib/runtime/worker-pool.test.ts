import http from "node:http";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findFreePort } from "./free-port";
import { startWorkerPool, type WorkerPool } from "./worker-pool";

const FIXTURE = path.join(__dirname, "worker-pool.fixture.mjs");
let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.stop();
  pool = undefined;
});

// The pid of whichever server process answers, on a fresh connection. A
// connection the primary hands to a process that is being killed is never
// answered: it fails after 2 s instead of hanging the test.
function answeringPid(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http
      .get({ host: "127.0.0.1", port, path: "/", agent: false }, (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve(Number(body)));
      })
      .on("error", reject);
    request.setTimeout(2_000, () => request.destroy(new Error("no answer")));
  });
}

// The pids that answered; a connection lost to a dying process counts as none.
async function pids(port: number, tries = 8): Promise<Set<number>> {
  const answers = await Promise.allSettled(Array.from({ length: tries }, () => answeringPid(port)));
  return new Set(answers.flatMap((answer) => (answer.status === "fulfilled" ? [answer.value] : [])));
}

describe("startWorkerPool", () => {
  it("runs the processes on one port, starts a killed one again, and stops them all", async () => {
    const port = await findFreePort();
    process.env.FIXTURE_PORT = String(port);
    const lines: string[] = [];
    pool = await startWorkerPool({ count: 2, exec: FIXTURE, log: (line) => lines.push(line) });
    const first = await pids(port);
    expect(first.size).toBe(2);

    const [killed] = first;
    process.kill(killed, "SIGKILL");
    await expect.poll(async () => [...(await pids(port))].some((pid) => !first.has(pid)), { timeout: 20_000 }).toBe(true);
    expect([...(await pids(port))]).not.toContain(killed);
    expect(lines.join("\n")).toMatch(/exited \(SIGKILL\); starting it again/);

    await pool.stop();
    pool = undefined;
    await expect(answeringPid(port)).rejects.toThrow();
  }, 60_000);

  it("fails when a process cannot start", async () => {
    process.env.FIXTURE_PORT = "not a port";
    await expect(startWorkerPool({ count: 1, exec: FIXTURE, log: () => {} })).rejects.toThrow(/exited while starting/);
  });
});
