import { createHmac } from "node:crypto";
import { signWebhook } from "./webhook-signature";

// The headers of one delivery attempt: Standard Webhooks' webhook-id (the
// same on every retry), webhook-timestamp (this attempt's, in seconds) and
// webhook-signature. An endpoint saved before we signed that way also gets
// the two headers its receiver checks, so upgrading the panel breaks no
// receiver; saving the URL again makes a new secret and drops them.
export function webhookHeaders(options: {
  secret: string;
  legacySignature: boolean;
  messageId: string;
  timestamp: number;
  body: string;
}): Record<string, string> {
  const { secret, messageId, timestamp, body } = options;
  return {
    "content-type": "application/json",
    "user-agent": "SecretKeys-Webhook/1",
    "webhook-id": messageId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook({ secret, messageId, timestamp, body }),
    ...(options.legacySignature ? legacyHeaders(secret, timestamp, body) : {}),
  };
}

// The scheme before Standard Webhooks: the whole secret string as the HMAC
// key, over "<timestamp>.<body>", in hex.
function legacyHeaders(secret: string, timestamp: number, body: string): Record<string, string> {
  return {
    "x-secret-keys-timestamp": String(timestamp),
    "x-secret-keys-signature": `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`,
  };
}
