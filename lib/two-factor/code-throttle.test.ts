import { describe, expect, it } from "vitest";
import { codeAttemptWait, FREE_WRONG_CODES } from "./code-throttle";

const now = new Date("2026-11-27T12:00:00Z");
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe("second-factor code throttle", () => {
  it("lets the first wrong codes through at once", () => {
    for (let failedCodes = 0; failedCodes < FREE_WRONG_CODES; failedCodes++) {
      expect(codeAttemptWait({ failedCodes, lastFailedAt: now, now })).toBe(0);
    }
  });

  it("then doubles the wait with each wrong code, up to an hour", () => {
    expect(codeAttemptWait({ failedCodes: FREE_WRONG_CODES, lastFailedAt: now, now })).toBe(30);
    expect(codeAttemptWait({ failedCodes: FREE_WRONG_CODES + 1, lastFailedAt: now, now })).toBe(60);
    expect(codeAttemptWait({ failedCodes: FREE_WRONG_CODES + 40, lastFailedAt: now, now })).toBe(3600);
  });

  it("counts the wait from the last wrong code", () => {
    expect(codeAttemptWait({ failedCodes: FREE_WRONG_CODES + 1, lastFailedAt: secondsAgo(45), now })).toBe(15);
    expect(codeAttemptWait({ failedCodes: FREE_WRONG_CODES + 1, lastFailedAt: secondsAgo(61), now })).toBe(0);
  });
});
