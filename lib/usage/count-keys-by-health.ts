import { db } from "@/lib/db/client";
import { rotationDueSql } from "@/lib/keys/rotation-due-sql";
import { STALENESS_STATUSES, type StalenessStatus } from "@/lib/keys/staleness";
import { stalenessStatusSql } from "@/lib/keys/staleness-sql";

export type KeyHealthRow = { status: StalenessStatus; keys: number; rotationDue: number };

// The organization's live keys by staleness, with how many of each are due
// for rotation; every status is listed, empty ones with zeros.
export async function countKeysByHealth({ organizationId, now = new Date() }: { organizationId: string; now?: Date }): Promise<KeyHealthRow[]> {
  const rows = await db().$queryRaw<KeyHealthRow[]>`
    SELECT ${stalenessStatusSql(now)} AS "status", count(*)::int AS "keys", count(*) FILTER (WHERE ${rotationDueSql(now)})::int AS "rotationDue"
    FROM "SecretKey" k
    WHERE k."organizationId" = ${organizationId} AND k."deletedAt" IS NULL
    GROUP BY 1`;
  return STALENESS_STATUSES.map((status) => rows.find((row) => row.status === status) ?? { status, keys: 0, rotationDue: 0 });
}
