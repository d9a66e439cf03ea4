import { describe, expect, it } from "vitest";
import { InvalidKeyLimiter } from "./invalid-key-limiter";

describe("InvalidKeyLimiter", () => {
  it("refuses an address after the limit until its minute is over, and no other address", () => {
    let now = 0;
    const limiter = new InvalidKeyLimiter({ limitPerMinute: 3, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterSeconds("a")).toBe(0);
      limiter.recordFailure("a");
    }
    now = 20_000;
    expect(limiter.retryAfterSeconds("a")).toBe(40);
    expect(limiter.retryAfterSeconds("b")).toBe(0);
    now = 60_000;
    expect(limiter.retryAfterSeconds("a")).toBe(0);
  });

  it("stays bounded in memory", () => {
    let now = 0;
    const limiter = new InvalidKeyLimiter({ limitPerMinute: 1, now: () => now, maxAddresses: 10 });
    for (let i = 0; i < 50; i++) limiter.recordFailure(`10.0.0.${i}`);
    now = 1;
    expect(limiter.retryAfterSeconds("10.0.0.49")).toBe(60);
    expect(limiter.retryAfterSeconds("10.0.0.0")).toBe(0);
  });
});
