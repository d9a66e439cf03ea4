import { db } from "@/lib/db/client";

export type KeyActivityRow = {
  id: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  ipAddress: string;
  userAgent: string | null;
  scope: string | null;
  action: string | null;
  outcome: "ALLOWED" | "DENIED" | "REVOKED";
  requestCount: number;
};

type StoredActivity = Omit<KeyActivityRow, "id"> & { id: bigint };

export function toKeyActivityRow(row: StoredActivity): KeyActivityRow {
  return {
    id: row.id.toString(),
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    scope: row.scope,
    action: row.action,
    outcome: row.outcome,
    requestCount: row.requestCount,
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
