import { Prisma } from "@/lib/generated/prisma/client";
import { rotationDueThresholds } from "./key-rotation";

// The SQL form of rotationDue (key-rotation.ts) for a live key aliased k;
// list-keys tests that the two agree.
export function rotationDueSql(now: Date): Prisma.Sql {
  const { createdBefore, expiresBefore } = rotationDueThresholds(now);
  const byPolicy = Object.entries(createdBefore)
    .filter((entry): entry is [string, Date] => entry[1] !== null)
    .map(([environment, date]) => Prisma.sql`(k."environment" = ${environment}::"KeyEnvironment" AND k."createdAt" <= ${date})`);
  return Prisma.sql`(k."rotatedAt" IS NULL AND (k."expiresAt" IS NULL OR k."expiresAt" > ${now})
    AND (${Prisma.join(byPolicy, " OR ")} OR k."expiresAt" <= ${expiresBefore}))`;
}
