import { describe, expect, it } from "vitest";
import { countFailures, decideSignInThrottle, delayAfter, describeWait, FREE_FAILURES, MAX_DELAY_MS, type Failures } from "./sign-in-throttle";

const now = new Date("2026-01-01T12:00:00Z");
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const failures = (count: number, latestSecondsAgo: number): Failures => ({ count, latestAt: count > 0 ? secondsAgo(latestSecondsAgo) : null });
const none = failures(0, 0);

describe("delayAfter", () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1_000],
    [6, 2_000],
    [7, 4_000],
    [14, 512_000],
    [15, MAX_DELAY_MS],
    [500, MAX_DELAY_MS],
  ])("%i failures of a pair wait %i ms", (count, delay) => {
    expect(delayAfter(count, FREE_FAILURES.pair)).toBe(delay);
  });
});

describe("decideSignInThrottle", () => {
  it.each([
    { case: "nothing failed", pair: none, address: none, stranger: none, expected: { allowed: true } },
    { case: "a pair's free failures", pair: failures(4, 0), address: failures(4, 0), stranger: failures(4, 0), expected: { allowed: true } },
    {
      case: "a pair's 6th try right after the 5th failure",
      pair: failures(5, 0),
      address: failures(5, 0),
      stranger: failures(5, 0),
      expected: { allowed: false, retryAfterSeconds: 1 },
    },
    { case: "a pair's 6th try a second later", pair: failures(5, 1), address: failures(5, 1), stranger: failures(5, 1), expected: { allowed: true } },
    {
      case: "a pair's 8th try 1 s after the 7th failure",
      pair: failures(7, 1),
      address: failures(7, 1),
      stranger: failures(7, 1),
      expected: { allowed: false, retryAfterSeconds: 3 },
    },
    {
      case: "a hammered pair waits at most 15 minutes",
      pair: failures(40, 60),
      address: failures(40, 60),
      stranger: failures(40, 60),
      expected: { allowed: false, retryAfterSeconds: 14 * 60 },
    },
    { case: "an address spraying 20 accounts", pair: none, address: failures(20, 0), stranger: none, expected: { allowed: false, retryAfterSeconds: 1 } },
    { case: "an address under its spraying limit", pair: none, address: failures(19, 0), stranger: none, expected: { allowed: true } },
    {
      case: "strangers guessing one account from many addresses",
      pair: none,
      address: none,
      stranger: failures(12, 2),
      expected: { allowed: false, retryAfterSeconds: 2 },
    },
    { case: "the owner at a known address while strangers guess", pair: none, address: none, stranger: null, expected: { allowed: true } },
    {
      case: "the longest wait wins",
      pair: failures(6, 0),
      address: failures(25, 10),
      stranger: failures(6, 0),
      expected: { allowed: false, retryAfterSeconds: 22 },
    },
    {
      case: "a latest failure from a clock ahead of ours",
      pair: failures(5, -3),
      address: failures(5, -3),
      stranger: failures(5, -3),
      expected: { allowed: false, retryAfterSeconds: 4 },
    },
  ])("$case", ({ pair, address, stranger, expected }) => {
    expect(decideSignInThrottle({ pair, address, stranger }, now)).toEqual(expected);
  });
});

describe("countFailures", () => {
  const attempt = (email: string, ipAddress: string, secondsAgoValue: number, fromKnownAddress = false) => ({
    email,
    ipAddress,
    fromKnownAddress,
    createdAt: secondsAgo(secondsAgoValue),
  });

  it("counts each rule's failures and its latest one", () => {
    const counted = countFailures(
      [
        attempt("a@x.test", "10.0.0.1", 30),
        attempt("a@x.test", "10.0.0.1", 10),
        attempt("b@x.test", "10.0.0.1", 5),
        attempt("a@x.test", "10.0.0.2", 20),
        attempt("a@x.test", "10.0.0.3", 1, true),
      ],
      { email: "a@x.test", ipAddress: "10.0.0.1", fromKnownAddress: false },
    );
    expect(counted).toEqual({
      pair: { count: 2, latestAt: secondsAgo(10) },
      address: { count: 3, latestAt: secondsAgo(5) },
      stranger: { count: 3, latestAt: secondsAgo(10) },
    });
  });

  it("leaves the stranger rule out for an address the account signed in from", () => {
    const counted = countFailures([attempt("a@x.test", "10.0.0.2", 1)], { email: "a@x.test", ipAddress: "10.0.0.1", fromKnownAddress: true });
    expect(counted).toEqual({ pair: { count: 0, latestAt: null }, address: { count: 0, latestAt: null }, stranger: null });
  });
});

describe("describeWait", () => {
  it("uses seconds under a minute and rounds minutes up", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(59)).toBe("59 seconds");
    expect(describeWait(61)).toBe("2 minutes");
    expect(describeWait(60)).toBe("1 minute");
  });
});
