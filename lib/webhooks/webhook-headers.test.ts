import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { webhookHeaders } from "./webhook-headers";
import { signWebhook } from "./webhook-signature";

const body = '{"type":"incident.opened"}';
const messageId = "msg_0123456789abcdef0123456789abcdef";

describe("webhookHeaders", () => {
  it("send a Standard Webhooks secret's deliveries with the webhook-* headers only", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    expect(webhookHeaders({ secret, legacySignature: false, messageId, timestamp: 1700000000, body })).toEqual({
      "content-type": "application/json",
      "user-agent": "SecretKeys-Webhook/1",
      "webhook-id": messageId,
      "webhook-timestamp": "1700000000",
      "webhook-signature": signWebhook({ secret, messageId, timestamp: 1700000000, body }),
    });
  });

  it("keep the old headers for a secret from before, and sign the new ones with its key bytes", () => {
    // The old format: whsec_ and base64url of 24 bytes, used whole as the HMAC key.
    const secret = "whsec_q-3_Zm9vYmFyYmF6cXV4LXh5ei1hYmNk";
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders({ secret, legacySignature: true, messageId, timestamp, body });
    expect(headers["x-secret-keys-timestamp"]).toBe(String(timestamp));
    expect(headers["x-secret-keys-signature"]).toBe(`sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`);
    expect(headers).toMatchObject({ "webhook-id": messageId, "webhook-timestamp": String(timestamp) });
    // The library reads standard base64 only: the same secret with - and _ written as + and /.
    const standard = `whsec_${secret.slice("whsec_".length).replaceAll("-", "+").replaceAll("_", "/")}`;
    expect(new Webhook(standard).verify(body, headers)).toEqual({ type: "incident.opened" });
  });
});
