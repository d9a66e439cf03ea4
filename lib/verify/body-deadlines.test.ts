import { afterEach, describe, expect, it, vi } from "vitest";
import { BodyDeadlines } from "./body-deadlines";

describe("BodyDeadlines", () => {
  afterEach(() => vi.useRealTimers());

  it("expires a body once its deadline has passed, and only that one", () => {
    let now = 1_000;
    const deadlines = new BodyDeadlines({ timeoutMs: 5_000, now: () => now });
    const expired: string[] = [];
    const first = {};
    const second = {};
    deadlines.watch(first, () => expired.push("first"));
    now += 3_000;
    deadlines.watch(second, () => expired.push("second"));
    now += 1_999;
    deadlines.sweep();
    expect(expired).toEqual([]);
    now += 1;
    deadlines.sweep();
    expect(expired).toEqual(["first"]);
    deadlines.sweep();
    expect(expired).toEqual(["first"]);
    expect(deadlines.size).toBe(1);
    deadlines.stop();
  });

  it("never expires a body that finished", () => {
    let now = 0;
    const deadlines = new BodyDeadlines({ timeoutMs: 100, now: () => now });
    const expire = vi.fn();
    const body = {};
    deadlines.watch(body, expire);
    deadlines.done(body);
    now = 10_000;
    deadlines.sweep();
    expect(expire).not.toHaveBeenCalled();
    expect(deadlines.size).toBe(0);
  });

  it("drops a body whose connection closed at the next sweep, without expiring it", () => {
    let now = 0;
    const deadlines = new BodyDeadlines({ timeoutMs: 100, now: () => now });
    const expire = vi.fn();
    const body = { destroyed: false };
    deadlines.watch(body, expire);
    body.destroyed = true;
    deadlines.sweep();
    expect(deadlines.size).toBe(0);
    now = 10_000;
    deadlines.sweep();
    expect(expire).not.toHaveBeenCalled();
  });

  it("sweeps on its own timer while bodies are pending, and stops when none are", () => {
    vi.useFakeTimers();
    const deadlines = new BodyDeadlines({ timeoutMs: 1_000 });
    const expire = vi.fn();
    deadlines.watch({}, expire);
    vi.advanceTimersByTime(999);
    expect(expire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(expire).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("BodyDeadlines when an expiry throws", () => {
  it("still expires the other bodies", () => {
    let now = 0;
    const deadlines = new BodyDeadlines({ timeoutMs: 10, now: () => now });
    const expired: string[] = [];
    deadlines.watch({}, () => {
      throw new Error("headers already sent");
    });
    deadlines.watch({}, () => expired.push("second"));
    now = 10;
    expect(() => deadlines.sweep()).not.toThrow();
    expect(expired).toEqual(["second"]);
  });
});
