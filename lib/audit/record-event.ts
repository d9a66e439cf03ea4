import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

import type { AuditAction } from "./audit-actions";
import { auditHmacSecret } from "./audit-hmac-secret";
import { auditEventHash } from "./audit-event-hash";
import { auditSealMac, canonicalJson, SEALED_COLUMNS } from "./audit-seal";

// A transaction, never the bare client: an event committed without its seal
// would be reported as forged for good.
type Tx = Prisma.TransactionClient & { $transaction?: never };

// Written in the caller's transaction, so a change and its record commit or
// fail together. Callers pass names and prefixes, never a secret. The
// database chains the event (sequence, hash) on insert, holding the
// organization's chain lock until commit; the seal over that sequence and
// hash goes in right after, in the same transaction.
export async function recordAuditEvent(
  tx: Tx,
  event: { actor: Actor; action: AuditAction; key?: { id: string; displayPrefix: string }; details?: Prisma.InputJsonValue },
): Promise<void> {
  const secret = auditHmacSecret();
  // The chain first (the insert's trigger takes it too), then the time: an
  // event that waited for the chain is not stamped before the events that
  // held it, so times follow the sequence.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${event.actor.organizationId}`}, 0))`;
  const intended = {
    organizationId: event.actor.organizationId,
    actorUserId: event.actor.userId,
    actorLabel: event.actor.label,
    action: event.action,
    keyId: event.key?.id ?? null,
    keyPrefix: event.key?.displayPrefix ?? null,
    details: event.details ?? null,
    ipAddress: event.actor.ipAddress,
    userAgent: event.actor.userAgent,
    createdAt: new Date(),
  };
  const chained = await tx.auditEvent.create({ data: { ...intended, details: event.details }, select: SEALED_COLUMNS });
  // The seal vouches for what this code wrote, so the row the database kept
  // must be exactly that, chained by the real hash: a trigger or function
  // changed behind our back would otherwise get its own content sealed.
  if (
    canonicalJson({ ...intended, createdAt: intended.createdAt.toISOString() }) !==
      canonicalJson({ ...pick(chained, Object.keys(intended)), createdAt: chained.createdAt.toISOString() }) ||
    chained.hash !== auditEventHash(chained)
  ) {
    throw new Error("The audit event was altered as it was written; refusing to seal it.");
  }
  await tx.auditSeal.create({ data: { organizationId: chained.organizationId, sequence: chained.sequence, mac: auditSealMac(secret, chained) } });
}

function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, row[key] ?? null]));
}
