// What one server process costs in memory (Next, the verifier's cache and
// pools), measured on `npm start` (README, Production), with headroom.
export const MEMORY_PER_WORKER = 512 * 2 ** 20;
// Kept free for the embedded PostgreSQL and the primary process.
export const MEMORY_RESERVED = 1024 * 2 ** 20;

// How many server processes to run. WEB_CONCURRENCY when set; otherwise one
// per core, as many as memory allows (at least one): a small machine or
// container running the embedded default database gets a single process.
export function webConcurrency(options: { setting: string | undefined; cores: number; memoryBytes: number }): number {
  const { setting } = options;
  if (setting !== undefined && setting !== "") {
    const value = Number(setting);
    if (!Number.isInteger(value) || value < 1 || value > 256) throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 256, not "${setting}".`);
    return value;
  }
  const byMemory = Math.floor((options.memoryBytes - MEMORY_RESERVED) / MEMORY_PER_WORKER);
  return Math.max(1, Math.min(options.cores, byMemory));
}
