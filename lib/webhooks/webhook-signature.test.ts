import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signWebhook } from "./webhook-signature";

// The vector the Standard Webhooks libraries test their signers against.
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  messageId: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
};

describe("signWebhook", () => {
  it("matches the Standard Webhooks test vector", () => {
    expect(signWebhook(VECTOR)).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("covers the id, the timestamp and the body", () => {
    const signature = signWebhook(VECTOR);
    expect(signWebhook({ ...VECTOR, messageId: "msg_other" })).not.toBe(signature);
    expect(signWebhook({ ...VECTOR, timestamp: VECTOR.timestamp + 1 })).not.toBe(signature);
    expect(signWebhook({ ...VECTOR, body: '{"test": 2432232315}' })).not.toBe(signature);
    expect(signWebhook({ ...VECTOR, secret: "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })).not.toBe(signature);
  });
});

describe("newWebhookSecret", () => {
  it("is whsec_ and standard base64 of 32 random bytes", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it("is read by the standardwebhooks library, which verifies what we sign with it", () => {
    // Many secrets: a URL-safe alphabet would make the library's strict decoder throw for most.
    for (let i = 0; i < 100; i++) {
      const secret = newWebhookSecret();
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        "webhook-id": `msg_${i}`,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signWebhook({ secret, messageId: `msg_${i}`, timestamp, body: `{"n":${i}}` }),
      };
      expect(new Webhook(secret).verify(`{"n":${i}}`, headers)).toEqual({ n: i });
    }
  });
});
