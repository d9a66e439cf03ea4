import { db } from "@/lib/db/client";
import { keyId as keyIdSchema } from "./key-input";
import { toKeySummary, type KeySummary } from "./key-summary";

export type KeyAuditEvent = {
  id: string;
  action: string;
  actorLabel: string;
  details: unknown;
  ipAddress: string | null;
  createdAt: Date;
};

type KeyLink = { id: string; displayPrefix: string; lastFour: string };

// A key of the organization (live or deleted) with the keys it was rotated
// from and to, and its audit history when the caller may read the audit log.
export async function getKeyWithHistory(
  organizationId: string,
  keyId: string,
  options: { withAuditHistory: boolean } = { withAuditHistory: false },
): Promise<{ key: KeySummary; events: KeyAuditEvent[]; rotatedFrom: KeyLink | null; rotatedTo: KeyLink | null } | null> {
  // The id comes from the URL: one no key can have (a NUL byte) would fail the query.
  if (!keyIdSchema.safeParse(keyId).success) return null;
  const row = await db().secretKey.findFirst({
    where: { id: keyId, organizationId },
    include: {
      createdBy: { select: { name: true } },
      owner: { select: { name: true, memberships: { where: { organizationId }, select: { id: true } } } },
    },
  });
  if (!row) return null;
  const link = { id: true, displayPrefix: true, lastFour: true } as const;
  const [events, rotatedFrom, rotatedTo] = await Promise.all([
    !options.withAuditHistory
      ? []
      : db().auditEvent.findMany({
          where: { organizationId, keyId },
          orderBy: { createdAt: "desc" },
          take: 200,
          select: { id: true, action: true, actorLabel: true, details: true, ipAddress: true, createdAt: true },
        }),
    db().secretKey.findFirst({ where: { organizationId, rotatedToId: row.id }, select: link }),
    row.rotatedToId ? db().secretKey.findFirst({ where: { organizationId, id: row.rotatedToId }, select: link }) : null,
  ]);
  return { key: toKeySummary(row), events, rotatedFrom, rotatedTo };
}
