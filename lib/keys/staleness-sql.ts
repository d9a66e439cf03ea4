import { Prisma } from "@/lib/generated/prisma/client";
import { recentUseSince, staleThresholds } from "./staleness";

// The SQL form of stalenessStatus (staleness.ts) for a key aliased k;
// count-keys-by-health tests that the two agree.
export function stalenessStatusSql(now: Date): Prisma.Sql {
  const { lastUsedBefore, createdBefore } = staleThresholds(now);
  return Prisma.sql`CASE
    WHEN k."lastUsedAt" IS NULL THEN CASE WHEN k."createdAt" < ${createdBefore} THEN 'unused' ELSE 'new' END
    WHEN k."lastUsedAt" < ${lastUsedBefore} THEN 'stale'
    WHEN k."lastUsedAt" >= ${recentUseSince(now)} THEN 'recent'
    ELSE 'idle' END`;
}
