import { createHmac, timingSafeEqual } from "node:crypto";

export type SealedEvent = { organizationId: string; sequence: number; hash: string };

// An event's hash already covers its content and its predecessor's hash, so
// a MAC over (organization, sequence, hash) under a key the database never
// sees seals the whole chain up to that event: someone who rewrites a row
// and re-hashes the rest of the chain cannot make the new seals.
export function auditSealMac(secret: string, event: SealedEvent): string {
  return createHmac("sha256", secret)
    .update(JSON.stringify(["secret-keys/audit-seal/v1", event.organizationId, event.sequence, event.hash]))
    .digest("hex");
}

export function auditSealMatches(secret: string, event: SealedEvent, mac: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(mac, "hex"), Buffer.from(auditSealMac(secret, event), "hex"));
}
