import { createHmac, randomBytes } from "node:crypto";

const SECRET_PREFIX = "whsec_";

// A Standard Webhooks signing secret: whsec_ and the standard base64 of 32
// random bytes (the spec asks for 24 to 64); the base64 part is the key.
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

// The webhook-signature value: "v1," and the base64 HMAC-SHA256, keyed with
// the secret's decoded bytes, of "<id>.<timestamp>.<body>". The id and the
// timestamp are signed with the body so a receiver can refuse duplicates and
// replays. Node's base64 decoder also reads the URL-safe alphabet, so a secret
// from before Standard Webhooks (whsec_ and base64url) signs with its bytes.
export function signWebhook(options: { secret: string; messageId: string; timestamp: number; body: string }): string {
  const encoded = options.secret.startsWith(SECRET_PREFIX) ? options.secret.slice(SECRET_PREFIX.length) : options.secret;
  const hmac = createHmac("sha256", Buffer.from(encoded, "base64"));
  return `v1,${hmac.update(`${options.messageId}.${options.timestamp}.${options.body}`).digest("base64")}`;
}
