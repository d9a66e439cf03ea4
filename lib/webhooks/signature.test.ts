import { describe, expect, it } from "vitest";
import { backoffSeconds, signPayload, verifySignature } from "./signature";

describe("webhook signatures", () => {
  it("sign the timestamp and body, and verify only the exact pair", () => {
    const signature = signPayload("whsec", 1700000000, '{"event":"x"}');
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature("whsec", 1700000000, '{"event":"x"}', signature)).toBe(true);
    expect(verifySignature("whsec", 1700000001, '{"event":"x"}', signature)).toBe(false);
    expect(verifySignature("whsec", 1700000000, '{"event":"y"}', signature)).toBe(false);
    expect(verifySignature("other", 1700000000, '{"event":"x"}', signature)).toBe(false);
  });

  it("back off exponentially, capped at a minute", () => {
    expect([1, 2, 3, 4, 8].map(backoffSeconds)).toEqual([1, 2, 4, 8, 60]);
  });
});
