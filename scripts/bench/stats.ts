export type Timing = { runs: number; meanMs: number; p50Ms: number; p95Ms: number; maxMs: number };

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    runs: samples.length,
    meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length),
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    maxMs: round(sorted[sorted.length - 1]),
  };
}

export async function time(runs: number, task: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 3; i++) await task();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}
