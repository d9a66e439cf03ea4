// Bodies still arriving, each with a deadline, checked by one periodic sweep
// instead of a timer per request: arming and clearing a timer for every
// verification costs more than the rest of reading its few hundred bytes.
// A body being read: a request, whose stream is destroyed once its
// connection is gone.
type Body = { readonly destroyed?: boolean };

export class BodyDeadlines {
  private readonly pending = new Map<Body, { deadline: number; expire: () => void }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: { timeoutMs: number; now?: () => number }) {}

  // A monotonic clock: a step of the wall clock must neither keep slow
  // bodies for an hour nor refuse every body at once.
  private now(): number {
    return this.options.now?.() ?? performance.now();
  }

  // A sweep every fifth of the timeout: a body is refused between timeoutMs
  // and 1.2 x timeoutMs after it started.
  private get sweepEveryMs(): number {
    return Math.max(10, Math.min(1_000, Math.floor(this.options.timeoutMs / 5)));
  }

  watch(body: Body, expire: () => void): void {
    this.pending.set(body, { deadline: this.now() + this.options.timeoutMs, expire });
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.sweepEveryMs);
      this.timer.unref();
    }
  }

  done(body: Body): void {
    this.pending.delete(body);
  }

  get size(): number {
    return this.pending.size;
  }

  sweep(): void {
    const now = this.now();
    for (const [body, { deadline, expire }] of this.pending) {
      // A body whose connection closed is dropped here, not by a listener
      // on every request: nobody is left to answer.
      if (body.destroyed) {
        this.pending.delete(body);
        continue;
      }
      if (deadline > now) continue;
      this.pending.delete(body);
      // One failing answer must not leave the other expired bodies waiting.
      try {
        expire();
      } catch {
        // The body's own error handling has already answered or closed it.
      }
    }
    if (this.pending.size === 0) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
