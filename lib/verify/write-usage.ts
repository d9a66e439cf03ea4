import { db } from "@/lib/db/client";
import type { UsageBatch } from "./usage-recorder";

// Writes one batch: Last Used only ever moves forward (GREATEST semantics in
// the WHERE), so instances flushing in any order never move it back.
export async function writeUsage(batch: UsageBatch): Promise<void> {
  const ids = [...batch.lastUsed.keys()];
  const times = ids.map((id) => new Date(batch.lastUsed.get(id)!).toISOString());
  await db().$transaction(async (tx) => {
    if (ids.length > 0) {
      await tx.$executeRaw`
        UPDATE "SecretKey" AS k
        SET "lastUsedAt" = v.at
        FROM (SELECT unnest(${ids}::text[]) AS id, (unnest(${times}::text[])::timestamptz AT TIME ZONE 'UTC') AS at) AS v
        WHERE k."id" = v.id AND (k."lastUsedAt" IS NULL OR k."lastUsedAt" < v.at)`;
    }
    if (batch.activity.length > 0) {
      await tx.keyActivity.createMany({
        data: batch.activity.map((row) => ({
          keyId: row.keyId,
          organizationId: row.organizationId,
          firstSeenAt: new Date(row.firstSeenAt),
          lastSeenAt: new Date(row.lastSeenAt),
          ipAddress: row.ipAddress,
          userAgent: row.userAgent,
          scope: row.scope,
          action: row.action,
          outcome: row.outcome,
          requestCount: row.requestCount,
        })),
      });
    }
  });
}

export async function purgeActivity(olderThan: Date): Promise<number> {
  const { count } = await db().keyActivity.deleteMany({ where: { lastSeenAt: { lt: olderThan } } });
  return count;
}
