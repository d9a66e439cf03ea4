import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

import type { AuditAction } from "./audit-actions";

type Tx = Prisma.TransactionClient;

// Written in the caller's transaction, so a change and its record commit or
// fail together. Callers pass names and prefixes, never a secret. The
// database chains the event (sequence, hash) on insert.
export async function recordAuditEvent(
  tx: Tx,
  event: { actor: Actor; action: AuditAction; key?: { id: string; displayPrefix: string }; details?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.auditEvent.create({
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
  });
}
