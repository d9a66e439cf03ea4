const WINDOW_MS = 60_000;

type Window = { startedAt: number; current: number; previous: number };

// Per-key limits on verifications per minute (a key's own setting). A
// sliding window estimated from the current and the previous minute, so a
// client cannot double its rate across a minute boundary. Each instance
// counts what it serves.
export class KeyRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly options: { maxKeys?: number } = {}) {}

  // Counts the request and answers 0 when it is within the limit, else the
  // seconds to wait (the request is not counted).
  take(keyId: string, limitPerMinute: number, now: number): number {
    const windowStart = now - (now % WINDOW_MS);
    let window = this.windows.get(keyId);
    if (!window) {
      if (this.windows.size >= (this.options.maxKeys ?? 100_000)) this.sweep(windowStart);
      window = { startedAt: windowStart, current: 0, previous: 0 };
      this.windows.set(keyId, window);
    } else if (window.startedAt !== windowStart) {
      window.previous = window.startedAt === windowStart - WINDOW_MS ? window.current : 0;
      window.current = 0;
      window.startedAt = windowStart;
    }
    const elapsed = now - windowStart;
    const carried = window.previous * (1 - elapsed / WINDOW_MS);
    if (carried + window.current < limitPerMinute) {
      window.current++;
      return 0;
    }
    if (window.current >= limitPerMinute) return Math.max(1, Math.ceil((WINDOW_MS - elapsed) / 1000));
    // Wait until enough of the previous minute has slid out of the window.
    const waitMs = WINDOW_MS * (1 - (limitPerMinute - window.current) / window.previous) - elapsed;
    return Math.max(1, Math.ceil(waitMs / 1000));
  }

  private sweep(windowStart: number): void {
    for (const [keyId, window] of this.windows) {
      if (window.startedAt < windowStart - WINDOW_MS) this.windows.delete(keyId);
    }
    if (this.windows.size >= (this.options.maxKeys ?? 100_000)) this.windows.delete(this.windows.keys().next().value as string);
  }
}
