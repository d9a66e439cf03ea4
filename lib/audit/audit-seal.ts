import { createHmac, timingSafeEqual } from "node:crypto";
import type { HashedEvent } from "./audit-event-hash";

// Everything an audit event says, as stored.
export type SealedEvent = HashedEvent & { id: string; hash: string };

// JSON with object keys sorted at every level: the database (jsonb) keeps
// keys in its own order, so the text must not depend on it.
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

// An HMAC, under a key the database never sees, over the event's content as
// the application reads it (not the database's own hash function, which
// someone with database rights can replace) and over its place in the chain.
// Rewriting a row, re-hashing the chain or swapping the hash function all
// leave seals that no longer match.
export function auditSealMac(secret: string, event: SealedEvent): string {
  return createHmac("sha256", secret)
    .update(
      canonicalJson([
        "secret-keys/audit-seal/v2",
        event.id,
        event.organizationId,
        event.sequence,
        event.previousHash,
        event.hash,
        event.actorUserId,
        event.actorLabel,
        event.action,
        event.keyId,
        event.keyPrefix,
        event.details ?? null,
        event.ipAddress,
        event.userAgent,
        event.createdAt.toISOString(),
      ]),
    )
    .digest("hex");
}

export function auditSealMatches(secret: string, event: SealedEvent, mac: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(mac, "hex"), Buffer.from(auditSealMac(secret, event), "hex"));
}

// The columns a seal covers, for queries that read events to seal or check.
export const SEALED_COLUMNS = {
  id: true,
  organizationId: true,
  sequence: true,
  previousHash: true,
  hash: true,
  actorUserId: true,
  actorLabel: true,
  action: true,
  keyId: true,
  keyPrefix: true,
  details: true,
  ipAddress: true,
  userAgent: true,
  createdAt: true,
} as const;
