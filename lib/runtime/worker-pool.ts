import cluster, { type Worker } from "node:cluster";

// Messages between the primary and its server processes.
export type WorkerMessage = { type: "ready" } | { type: "failed"; message: string };
export const STOP_MESSAGE = { type: "stop" } as const;
export const WORKER_INDEX_ENV = "SECRET_KEYS_WORKER_INDEX";

export type WorkerPool = { stop(): Promise<void> };

// The primary's side of node:cluster: `count` server processes share the
// port (the primary accepts connections and hands them out in turn). Each
// one is started with its index; index 0 also runs the background jobs. A
// process that dies while we are not stopping is started again with the
// same index, after a pause that grows if it keeps dying. Resolves once
// every process listens; rejects if one fails to start.
export async function startWorkerPool(options: {
  count: number;
  // The script each process runs; default: the primary's own (scripts/start.ts).
  exec?: string;
  stopTimeoutMs?: number;
  log: (line: string) => void;
}): Promise<WorkerPool> {
  const { count, log } = options;
  if (options.exec) cluster.setupPrimary({ exec: options.exec });
  const workers = new Map<number, Worker>();
  let stopping = false;
  let starting = true;
  const restarts: number[] = [];

  const fork = (index: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
      workers.set(index, worker);
      worker.on("message", (message: WorkerMessage) => {
        if (message?.type === "ready") resolve();
        if (message?.type === "failed") reject(new Error(message.message));
      });
      worker.once("exit", (code, signal) => {
        if (workers.get(index) === worker) workers.delete(index);
        if (stopping) return;
        if (starting) return reject(new Error(`Server process ${index} exited while starting (${signal ?? `code ${code}`}).`));
        const now = Date.now();
        restarts.push(now);
        while (restarts.length && restarts[0] < now - 60_000) restarts.shift();
        const pause = Math.min(250 * 2 ** (restarts.length - 1), 10_000);
        log(`Server process ${index} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); starting it again in ${pause} ms.`);
        setTimeout(() => {
          if (!stopping) fork(index).catch((error: unknown) => log(`Server process ${index} did not start again: ${String(error)}`));
        }, pause).unref();
      });
    });

  const stop = async () => {
    stopping = true;
    const exits = [...workers.values()].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once("exit", () => resolve());
          // Each one drains and writes its last usage batch, then exits.
          if (worker.isConnected()) worker.send(STOP_MESSAGE);
          setTimeout(() => worker.process.kill("SIGKILL"), options.stopTimeoutMs ?? 15_000).unref();
        }),
    );
    await Promise.all(exits);
  };

  try {
    await Promise.all(Array.from({ length: count }, (_, index) => fork(index)));
  } catch (error) {
    await stop();
    throw error;
  }
  starting = false;
  return { stop };
}
