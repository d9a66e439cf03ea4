import { db } from "@/lib/db/client";
import type { Outcome } from "@/lib/verify/usage-recorder";

export type KeyActivityRow = {
  id: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  ipAddress: string;
  viaAddress: string | null;
  userAgent: string | null;
  scope: string | null;
  action: string | null;
  outcome: Outcome;
  requestCount: number;
  overflow: boolean;
};

type StoredActivity = Omit<KeyActivityRow, "id"> & { id: bigint };

export function toKeyActivityRow(row: StoredActivity): KeyActivityRow {
  return {
    id: row.id.toString(),
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    ipAddress: row.ipAddress,
    viaAddress: row.viaAddress,
    userAgent: row.userAgent,
    scope: row.scope,
    action: row.action,
    outcome: row.outcome,
    requestCount: row.requestCount,
    overflow: row.overflow,
  };
}

// Recent verification traffic of one key of the organization, newest first.
export async function listKeyActivity(organizationId: string, keyId: string, limit = 100): Promise<KeyActivityRow[]> {
  const rows = await db().keyActivity.findMany({
    where: { organizationId, keyId },
    orderBy: { lastSeenAt: "desc" },
    take: limit,
  });
  return rows.map(toKeyActivityRow);
}
