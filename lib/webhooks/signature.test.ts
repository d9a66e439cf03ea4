import { describe, expect, it } from "vitest";
import { signPayload, verifySignature } from "./signature";

describe("webhook signatures", () => {
  it("sign the timestamp and body, and verify only the exact pair", () => {
    const signature = signPayload("whsec", 1700000000, '{"event":"x"}');
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature("whsec", 1700000000, '{"event":"x"}', signature)).toBe(true);
    expect(verifySignature("whsec", 1700000001, '{"event":"x"}', signature)).toBe(false);
    expect(verifySignature("whsec", 1700000000, '{"event":"y"}', signature)).toBe(false);
    expect(verifySignature("other", 1700000000, '{"event":"x"}', signature)).toBe(false);
  });
});
