import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

import type { AuditAction } from "./audit-actions";
import { auditHmacSecret } from "./audit-hmac-secret";
import { auditSealMac, SEALED_COLUMNS } from "./audit-seal";

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
  const chained = await tx.auditEvent.create({
    data: {
      organizationId: event.actor.organizationId,
      actorUserId: event.actor.userId,
      actorLabel: event.actor.label,
      action: event.action,
      keyId: event.key?.id,
      keyPrefix: event.key?.displayPrefix,
      details: event.details,
      ipAddress: event.actor.ipAddress,
      userAgent: event.actor.userAgent,
    },
    select: SEALED_COLUMNS,
  });
  await tx.auditSeal.create({ data: { organizationId: chained.organizationId, sequence: chained.sequence, mac: auditSealMac(secret, chained) } });
}
