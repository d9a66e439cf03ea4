import { describe, expect, it } from "vitest";
import { afterAttempt, backoffSeconds, MAX_ATTEMPTS } from "./retry-policy";

describe("retry policy", () => {
  const now = new Date("2026-11-27T00:00:00Z");

  it("backs off exponentially up to a minute", () => {
    expect([1, 2, 3, 4, 8].map(backoffSeconds)).toEqual([1, 2, 4, 8, 60]);
  });

  it("marks a success delivered and schedules nothing", () => {
    expect(afterAttempt({ attemptsBefore: 2, ok: true, now })).toEqual({ attempts: 3, status: "delivered", deliveredAt: now, nextAttemptAt: null });
  });

  it("retries a failure after the backoff until the last attempt", () => {
    expect(afterAttempt({ attemptsBefore: 0, ok: false, now })).toMatchObject({
      attempts: 1,
      status: "pending",
      nextAttemptAt: new Date(now.getTime() + 1000),
    });
    expect(afterAttempt({ attemptsBefore: 2, ok: false, now }).nextAttemptAt).toEqual(new Date(now.getTime() + 4000));
    expect(afterAttempt({ attemptsBefore: MAX_ATTEMPTS - 1, ok: false, now })).toMatchObject({ status: "failed", nextAttemptAt: null, deliveredAt: null });
  });

  it("gives up at once when told to", () => {
    expect(afterAttempt({ attemptsBefore: 0, ok: false, giveUp: true, now })).toMatchObject({ attempts: 1, status: "failed", nextAttemptAt: null });
  });
});
