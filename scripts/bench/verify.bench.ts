// Verification throughput against a bare node:http server, revocation time
// across two app instances, Last Used lag, and 1 vs N server processes.
import autocannon from "autocannon";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey } from "@/lib/keys/delete-key";
import { checksumFor, generateKey } from "@/lib/keys/key-format";
import type { Actor } from "@/lib/auth/actor";
import { startAppInstance, startBareServer, type AppInstance } from "./app-instance";
import { processTreeCpuUs } from "./process-cpu";
import { summarize } from "./stats";
import { benchWorkers } from "./workers.bench";

const CONNECTIONS = 50;
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10);

type Load = { requestsPerSecond: number; cpuUsPerRequest: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };

// Throughput and latency as autocannon sees them, and the server's own CPU
// time per request (from /proc, the instance's processes together), which
// does not depend on the load generator sharing the machine's cores.
async function load(server: AppInstance, bodies: string[], duration = DURATION_SECONDS): Promise<Load> {
  const cpuBefore = processTreeCpuUs(server.pid);
  const result = await autocannon({
    url: `${server.url}/api/v1/keys/verify`,
    connections: CONNECTIONS,
    duration,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests: bodies.map((body) => ({ method: "POST", body })),
  });
  const cpuUs = processTreeCpuUs(server.pid) - cpuBefore;
  return {
    requestsPerSecond: Math.round(result.requests.average),
    cpuUsPerRequest: Math.round(cpuUs / Math.max(1, result.requests.total)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function actorForBench(): Promise<Actor> {
  const organization = await db().organization.create({ data: { name: "Verify bench" } });
  const user = await db().user.create({
    data: {
      email: `verify-bench-${Date.now()}@example.test`,
      name: "Bench",
      passwordHash: "x",
      memberships: { create: { organizationId: organization.id, role: "OWNER" } },
    },
  });
  // Deleting a production key asks for a fresh password confirmation: the
  // bench's actor has always just given it.
  const session = {
    id: "bench-session",
    get reauthenticatedAt() {
      return new Date();
    },
  };
  return { userId: user.id, organizationId: organization.id, role: "OWNER", label: "bench", ipAddress: null, userAgent: null, session };
}

const newKey = (actor: Actor, name: string) => createKey({ actor, input: { name, environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" } });

async function post(url: string, key: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/keys/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ key, scope: "dataset", action: "read" }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function revocationTimes(actor: Actor, a: AppInstance, b: AppInstance, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const { key, secret } = await newKey(actor, `revocation ${round}`);
    await post(a.url, secret);
    if ((await post(b.url, secret)) !== 200) throw new Error("instance B did not accept a fresh key");
    const start = performance.now();
    await deleteKey({ actor, input: { keyId: key.id } });
    while ((await post(b.url, secret)) === 200) {
      if (performance.now() - start > 10_000) throw new Error("instance B still accepts a deleted key after 10 s");
    }
    times.push(performance.now() - start);
  }
  return times;
}

async function lastUsedLags(actor: Actor, a: AppInstance, rounds: number): Promise<number[]> {
  const lags: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const { key, secret } = await newKey(actor, `last used ${round}`);
    const start = performance.now();
    await post(a.url, secret);
    while (!(await db().secretKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt) {
      if (performance.now() - start > 20_000) throw new Error("Last Used never appeared");
      await new Promise((r) => setTimeout(r, 20));
    }
    lags.push(performance.now() - start);
  }
  return lags;
}

export async function benchVerify(databaseUrl: string) {
  const actor = await actorForBench();
  const valid: string[] = [];
  for (let i = 0; i < 20; i++) valid.push((await newKey(actor, `load ${i}`)).secret);
  const unknown = Array.from({ length: 100 }, () => {
    const body = generateKey("PRODUCTION").secret.slice(0, -6);
    return body + checksumFor(body);
  });
  const malformed = unknown.map((key) => key.slice(0, -1) + (key.endsWith("A") ? "B" : "A"));
  const bodies = (keys: string[]) => keys.map((key) => JSON.stringify({ key, scope: "dataset", action: "read" }));

  const env = {
    DATABASE_URL: databaseUrl,
    KEY_HASH_SECRET: process.env.KEY_HASH_SECRET!,
    AUDIT_HMAC_SECRET: process.env.AUDIT_HMAC_SECRET!,
    NEXTAUTH_SECRET: "bench-session-secret",
    // The load generator is one address sending thousands of invalid keys a second.
    INVALID_KEY_LIMIT_PER_MINUTE: "1000000000",
  };
  // One server process each, as the bare server: (a), (b) and (c) compare the
  // request path, not the number of processes (that is the last table).
  const single = { ...env, WEB_CONCURRENCY: "1" };
  // BENCH_PROFILE=dir writes a CPU profile of instance A there.
  const a = await startAppInstance(single, process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []);
  const b = await startAppInstance(single);
  const sample = await fetch(`${a.url}/api/v1/keys/verify`, { method: "POST", headers: { "content-type": "application/json" }, body: bodies(valid)[0] });
  const answer = await sample.text();
  const bare = await startBareServer(answer);
  try {
    console.log(`Load: autocannon, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each, on this machine (${process.env.BENCH_LABEL ?? "local"})…`);
    // The machine's noise is large next to the effect measured: each server
    // is warmed up, then measured in alternating rounds, and the rounds averaged.
    const targets = {
      "(a) bare node:http": () => load(bare, bodies(valid), DURATION_SECONDS / 2),
      "(b) valid keys": () => load(a, bodies(valid), DURATION_SECONDS / 2),
      "(c) invalid keys": () => load(a, bodies([...unknown, ...malformed]), DURATION_SECONDS / 2),
    };
    await load(bare, bodies(valid), 2);
    await load(a, bodies(valid), 2);
    await load(a, bodies([...unknown, ...malformed]), 2);
    const rounds: Record<string, Load[]> = {};
    for (let round = 0; round < 2; round++) {
      for (const [label, run] of Object.entries(targets)) (rounds[label] ??= []).push(await run());
    }
    const average = (loads: Load[]): Load => ({
      requestsPerSecond: Math.round(loads.reduce((sum, l) => sum + l.requestsPerSecond, 0) / loads.length),
      cpuUsPerRequest: Math.round(loads.reduce((sum, l) => sum + l.cpuUsPerRequest, 0) / loads.length),
      p50Ms: Math.max(...loads.map((l) => l.p50Ms)),
      p99Ms: Math.max(...loads.map((l) => l.p99Ms)),
      non2xx: loads.reduce((sum, l) => sum + l.non2xx, 0),
      errors: loads.reduce((sum, l) => sum + l.errors, 0),
    });
    const bareLoad = average(rounds["(a) bare node:http"]);
    const validLoad = average(rounds["(b) valid keys"]);
    const invalidLoad = average(rounds["(c) invalid keys"]);
    console.table({ "(a) bare node:http": bareLoad, "(b) valid keys": validLoad, "(c) invalid keys": invalidLoad });
    const revocation = summarize(await revocationTimes(actor, a, b, 10));
    const lastUsed = summarize(await lastUsedLags(actor, a, 3));
    await Promise.all([bare.stop(), a.stop(), b.stop()]);
    const workers = await benchWorkers(env, bodies(valid), answer, DURATION_SECONDS);
    if (workers) console.table(workers.rows);
    return {
      workers,
      load: { "(a) bare node:http": bareLoad, "(b) valid keys": validLoad, "(c) invalid keys": invalidLoad },
      ratios: {
        "cpu b/a": Math.round((validLoad.cpuUsPerRequest / bareLoad.cpuUsPerRequest) * 100) / 100,
        "cpu c/a": Math.round((invalidLoad.cpuUsPerRequest / bareLoad.cpuUsPerRequest) * 100) / 100,
        "b/a": Math.round((validLoad.requestsPerSecond / bareLoad.requestsPerSecond) * 100) / 100,
        "c/a": Math.round((invalidLoad.requestsPerSecond / bareLoad.requestsPerSecond) * 100) / 100,
      },
      revocationMs: revocation,
      lastUsedLagMs: lastUsed,
    };
  } finally {
    await Promise.all([bare.stop(), a.stop(), b.stop()]);
  }
}
