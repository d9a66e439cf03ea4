import { db } from "@/lib/db/client";

export type OwnedKey = { id: string; name: string; displayPrefix: string; lastFour: string };

// The live keys each member owns (the first `shown` by name, and how many in
// all), for the member removal confirmation.
export async function liveKeysByOwner(organizationId: string, shown = 20): Promise<Map<string, { keys: OwnedKey[]; total: number }>> {
  const rows = await db().$queryRaw<(OwnedKey & { ownerId: string; total: number })[]>`
    SELECT "id", "name", "displayPrefix", "lastFour", "ownerId", "total" FROM (
      SELECT k."id", k."name", k."displayPrefix", k."lastFour", k."ownerId",
             row_number() OVER (PARTITION BY k."ownerId" ORDER BY lower(k."name"), k."id") AS "position",
             (count(*) OVER (PARTITION BY k."ownerId"))::int AS "total"
      FROM "SecretKey" k
      WHERE k."organizationId" = ${organizationId} AND k."deletedAt" IS NULL AND k."ownerId" IS NOT NULL
    ) owned
    WHERE "position" <= ${shown}
    ORDER BY "ownerId", "position"`;
  const byOwner = new Map<string, { keys: OwnedKey[]; total: number }>();
  for (const { ownerId, total, ...key } of rows) {
    const entry = byOwner.get(ownerId) ?? { keys: [], total };
    entry.keys.push(key);
    byOwner.set(ownerId, entry);
  }
  return byOwner;
}
