import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-secret-keys-signature";
export const TIMESTAMP_HEADER = "x-secret-keys-timestamp";

// Signs "<timestamp>.<body>", so a receiver can refuse replays of old
// deliveries by checking the timestamp.
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function verifySignature(secret: string, timestamp: number, body: string, signature: string): boolean {
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
