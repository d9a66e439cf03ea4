// Counts invalid keys per client address in fixed one-minute windows; past
// the limit the address is refused (429) until its window ends.
export class InvalidKeyLimiter {
  private readonly windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(private readonly options: { limitPerMinute: number; now?: () => number; maxAddresses?: number }) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  // Seconds to wait, or 0 when the address may try.
  retryAfterSeconds(address: string): number {
    const window = this.windows.get(address);
    if (!window) return 0;
    const elapsed = this.now() - window.startedAt;
    if (elapsed >= 60_000) {
      this.windows.delete(address);
      return 0;
    }
    return window.failures >= this.options.limitPerMinute ? Math.ceil((60_000 - elapsed) / 1000) : 0;
  }

  recordFailure(address: string): void {
    const now = this.now();
    const window = this.windows.get(address);
    if (!window || now - window.startedAt >= 60_000) {
      if (this.windows.size >= (this.options.maxAddresses ?? 100_000)) this.sweep(now);
      this.windows.set(address, { startedAt: now, failures: 1 });
    } else {
      window.failures++;
    }
  }

  private sweep(now: number): void {
    for (const [address, window] of this.windows) {
      if (now - window.startedAt >= 60_000) this.windows.delete(address);
    }
    // Still full of live windows: drop the oldest rather than grow without bound.
    if (this.windows.size >= (this.options.maxAddresses ?? 100_000)) {
      this.windows.delete(this.windows.keys().next().value as string);
    }
  }
}
