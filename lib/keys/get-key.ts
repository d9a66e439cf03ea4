import { db } from "@/lib/db/client";
import { toKeySummary, type KeySummary } from "./key-summary";

export type KeyAuditEvent = {
  id: string;
  action: string;
  actorLabel: string;
  details: unknown;
  ipAddress: string | null;
  createdAt: Date;
};

// A key of the organization (live or deleted) with its audit history.
export async function getKeyWithHistory(
  organizationId: string,
  keyId: string,
): Promise<{ key: KeySummary; events: KeyAuditEvent[] } | null> {
  const row = await db().secretKey.findFirst({
    where: { id: keyId, organizationId },
    include: { createdBy: { select: { name: true } } },
  });
  if (!row) return null;
  const events = await db().auditEvent.findMany({
    where: { organizationId, keyId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, action: true, actorLabel: true, details: true, ipAddress: true, createdAt: true },
  });
  return { key: toKeySummary(row), events };
}
