// Throughput and server CPU per request with 1 and N server processes
// (WEB_CONCURRENCY), for verification and for a page Next renders, plus the
// memory each process holds: the figures behind WEB_CONCURRENCY's default and
// the choice to serve Next from every process.
import os from "node:os";
import { startAppInstance } from "./app-instance";
import { processTreeCpuUs, processTreeRssMiB } from "./process-cpu";
import { hasWrk, wrkLoad } from "./wrk-load";

export type WorkersRow = {
  processes: number;
  verifyRequestsPerSecond: number;
  verifyCpuUsPerRequest: number;
  verifyP99Ms: number;
  pageRequestsPerSecond: number;
  pageCpuUsPerRequest: number;
  rssMiB: string;
};

export async function benchWorkers(
  env: Record<string, string>,
  bodies: string[],
  seconds: number,
): Promise<{ loadGenerator: string; rows: WorkersRow[] } | null> {
  if (!hasWrk()) {
    console.log("wrk is not installed: the 1-vs-N processes comparison is skipped (as root: apt-get install -y wrk).");
    return null;
  }
  const counts = [...new Set([1, os.availableParallelism()])];
  const rows: WorkersRow[] = [];
  for (const processes of counts) {
    const app = await startAppInstance({ ...env, WEB_CONCURRENCY: String(processes) });
    try {
      // Pages with 10 connections: each render takes milliseconds of CPU, so 50 would only queue.
      const measure = async (path: string, withBodies: boolean, duration: number) => {
        const cpuBefore = processTreeCpuUs(app.pid);
        const connections = withBodies ? 50 : 10;
        const result = await wrkLoad({ url: `${app.url}${path}`, bodies: withBodies ? bodies : undefined, connections, threads: 2, seconds: duration });
        const cpu = processTreeCpuUs(app.pid) - cpuBefore;
        if (result.errors > 0 || (withBodies && result.non2xx > 0)) throw new Error(`load on ${path} had ${result.errors} errors, ${result.non2xx} non-2xx`);
        return { ...result, cpuUsPerRequest: Math.round(cpu / Math.max(1, result.requests)) };
      };
      await measure("/api/v1/keys/verify", true, 2);
      const verify = await measure("/api/v1/keys/verify", true, seconds);
      await measure("/signin", false, 2);
      const page = await measure("/signin", false, seconds);
      rows.push({
        processes,
        verifyRequestsPerSecond: verify.requestsPerSecond,
        verifyCpuUsPerRequest: verify.cpuUsPerRequest,
        verifyP99Ms: verify.p99Ms,
        pageRequestsPerSecond: page.requestsPerSecond,
        pageCpuUsPerRequest: page.cpuUsPerRequest,
        // The primary first, then each server process, after the load.
        rssMiB: processTreeRssMiB(app.pid).join(" / "),
      });
    } finally {
      await app.stop();
    }
  }
  return { loadGenerator: "wrk -t2, 50 connections for verify and 10 for the page, on the same machine", rows };
}
