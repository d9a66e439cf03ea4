import { describe, expect, it } from "vitest";
import {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_ADDRESS,
  SIGN_IN_WINDOW_MS,
  decideSignInThrottle,
  describeWait,
} from "./sign-in-throttle";

const now = new Date("2026-01-01T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const times = (count: number, at: Date) => Array.from({ length: count }, () => at);

describe("decideSignInThrottle", () => {
  it("allows while failures stay under both limits", () => {
    expect(
      decideSignInThrottle(
        { accountFailures: times(MAX_FAILURES_PER_ACCOUNT - 1, minutesAgo(1)), addressFailures: times(MAX_FAILURES_PER_ADDRESS - 1, minutesAgo(1)) },
        now,
      ),
    ).toEqual({ allowed: true });
  });

  it("refuses an account at its limit until the oldest counted failure leaves the window", () => {
    const failures = [minutesAgo(10), ...times(MAX_FAILURES_PER_ACCOUNT - 1, minutesAgo(2))];
    expect(decideSignInThrottle({ accountFailures: failures, addressFailures: failures }, now)).toEqual({
      allowed: false,
      retryAfterSeconds: SIGN_IN_WINDOW_MS / 1000 - 10 * 60,
    });
  });

  it("refuses an address spraying many accounts", () => {
    const decision = decideSignInThrottle(
      { accountFailures: [], addressFailures: times(MAX_FAILURES_PER_ADDRESS, minutesAgo(5)) },
      now,
    );
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 10 * 60 });
  });

  it("takes the longer wait when both limits are reached", () => {
    const decision = decideSignInThrottle(
      {
        accountFailures: times(MAX_FAILURES_PER_ACCOUNT, minutesAgo(14)),
        addressFailures: times(MAX_FAILURES_PER_ADDRESS, minutesAgo(1)),
      },
      now,
    );
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 14 * 60 });
  });

  it("never asks to wait less than a second", () => {
    const decision = decideSignInThrottle(
      { accountFailures: times(MAX_FAILURES_PER_ACCOUNT, minutesAgo(15)), addressFailures: [] },
      now,
    );
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 1 });
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
