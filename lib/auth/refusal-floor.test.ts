import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { holdUntilFloor, REFUSAL_FLOOR_MS } from "./refusal-floor";

// When a refusal is ready, after `tookMs`, how long until it is answered.
async function answeredAfter(tookMs: number): Promise<number> {
  const startedAt = Date.now();
  await vi.advanceTimersByTimeAsync(tookMs);
  let settled = false;
  void holdUntilFloor(startedAt).then(() => (settled = true));
  let waitedMs = 0;
  await vi.advanceTimersByTimeAsync(0);
  while (!settled) {
    await vi.advanceTimersByTimeAsync(1);
    waitedMs += 1;
  }
  return tookMs + waitedMs;
}

describe("holdUntilFloor", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("answers a quick refusal (an unknown email) and a slower one (a known email) at the same moment", async () => {
    expect(await answeredAfter(30)).toBe(REFUSAL_FLOOR_MS);
    expect(await answeredAfter(200)).toBe(REFUSAL_FLOOR_MS);
  });

  it("adds nothing once the floor has passed", async () => {
    expect(await answeredAfter(REFUSAL_FLOOR_MS + 5)).toBe(REFUSAL_FLOOR_MS + 5);
  });
});
