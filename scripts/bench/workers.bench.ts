// Throughput and server CPU per request with 1 and N server processes
// (WEB_CONCURRENCY), for verification and for a page Next renders, plus the
// memory each process holds: the figures behind WEB_CONCURRENCY's default and
// the choice to serve Next from every process. A bare node:http server with
// as many processes answers the same bytes beside each, as the ceiling.
import os from "node:os";
import { startAppInstance, startBareServer, type AppInstance } from "./app-instance";
import { processTreeCpuUs, processTreeRssMiB } from "./process-cpu";
import { hasWrk, wrkLoad } from "./wrk-load";

export type WorkersRow = {
  server: "bare node:http" | "Secret Keys";
  processes: number;
  verifyRequestsPerSecond: number;
  verifyCpuUsPerRequest: number;
  verifyP99Ms: number;
  pageRequestsPerSecond: number | null;
  pageCpuUsPerRequest: number | null;
  rssMiB: string;
};

// Verification (50 connections) and a page (10: each render takes
// milliseconds of CPU, so 50 would only queue) on one server, with the CPU
// time of all its processes.
async function measure(server: AppInstance, path: string, bodies: string[] | undefined, seconds: number) {
  const cpuBefore = processTreeCpuUs(server.pid);
  const result = await wrkLoad({ url: `${server.url}${path}`, bodies, connections: bodies ? 50 : 10, threads: 2, seconds });
  const cpu = processTreeCpuUs(server.pid) - cpuBefore;
  if (result.errors > 0 || (bodies && result.non2xx > 0)) throw new Error(`load on ${path} had ${result.errors} errors, ${result.non2xx} non-2xx`);
  return { ...result, cpuUsPerRequest: Math.round(cpu / Math.max(1, result.requests)) };
}

export async function benchWorkers(
  env: Record<string, string>,
  bodies: string[],
  bareBody: string,
  seconds: number,
): Promise<{ loadGenerator: string; rows: WorkersRow[] } | null> {
  if (!hasWrk()) {
    console.log("wrk is not installed: the 1-vs-N processes comparison is skipped (as root: apt-get install -y wrk).");
    return null;
  }
  const counts = [...new Set([1, os.availableParallelism()])];
  // One server's row: verification, then (for the app) a page, each warmed up
  // first; memory is the primary's first, then each server process's.
  const row = async (server: AppInstance, label: WorkersRow["server"], processes: number, withPage: boolean): Promise<WorkersRow> => {
    try {
      await measure(server, "/api/v1/keys/verify", bodies, 2);
      const verify = await measure(server, "/api/v1/keys/verify", bodies, seconds);
      if (withPage) await measure(server, "/signin", undefined, 2);
      const page = withPage ? await measure(server, "/signin", undefined, seconds) : null;
      return {
        server: label,
        processes,
        verifyRequestsPerSecond: verify.requestsPerSecond,
        verifyCpuUsPerRequest: verify.cpuUsPerRequest,
        verifyP99Ms: verify.p99Ms,
        pageRequestsPerSecond: page?.requestsPerSecond ?? null,
        pageCpuUsPerRequest: page?.cpuUsPerRequest ?? null,
        rssMiB: processTreeRssMiB(server.pid).join(" / "),
      };
    } finally {
      await server.stop();
    }
  };
  const rows: WorkersRow[] = [];
  for (const processes of counts) {
    rows.push(await row(await startBareServer(bareBody, processes), "bare node:http", processes, false));
    rows.push(await row(await startAppInstance({ ...env, WEB_CONCURRENCY: String(processes) }), "Secret Keys", processes, true));
  }
  return { loadGenerator: "wrk -t2, 50 connections for verify and 10 for the page, on the same machine", rows };
}
