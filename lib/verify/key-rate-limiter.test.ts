import { describe, expect, it } from "vitest";
import { KeyRateLimiter } from "./key-rate-limiter";

const MINUTE = 60_000;

describe("KeyRateLimiter", () => {
  it("allows the limit per minute, then answers how long to wait", () => {
    const limiter = new KeyRateLimiter();
    const start = 10 * MINUTE;
    for (let i = 0; i < 5; i++) expect(limiter.take("k", 5, start + i)).toBe(0);
    expect(limiter.take("k", 5, start + 10)).toBe(60);
    expect(limiter.take("k", 5, start + 30_000)).toBe(30);
    // Another key has its own budget.
    expect(limiter.take("other", 5, start + 30_000)).toBe(0);
  });

  it("carries the previous minute into the window, so a boundary does not double the rate", () => {
    const limiter = new KeyRateLimiter();
    const start = 10 * MINUTE;
    for (let i = 0; i < 10; i++) expect(limiter.take("k", 10, start + 59_000)).toBe(0);
    // One second into the next minute, 59/60 of the previous one still counts: one more fits.
    expect(limiter.take("k", 10, start + MINUTE + 1_000)).toBe(0);
    expect(limiter.take("k", 10, start + MINUTE + 1_000)).toBeGreaterThan(0);
    // Half way through, half of it has slid out: 5 in this minute in all.
    let allowed = 0;
    while (limiter.take("k", 10, start + MINUTE + 30_000) === 0) allowed++;
    expect(allowed).toBe(4);
    // Two minutes on, the slate is clean.
    expect(limiter.take("k", 10, start + 3 * MINUTE)).toBe(0);
  });

  it("stays bounded in memory", () => {
    const limiter = new KeyRateLimiter({ maxKeys: 100 });
    for (let i = 0; i < 1_000; i++) limiter.take(`k${i}`, 1, MINUTE);
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(100);
  });
});
