import { db } from "@/lib/db/client";
import { toKeyActivityRow, type KeyActivityRow } from "@/lib/keys/list-key-activity";

export type AppClient = { ipAddress: string; userAgent: string | null; overflow: boolean; firstSeenAt: Date; lastSeenAt: Date; requests: number };

// Each distinct address and user agent that used the key, for the
// "update apps" checklist.
export async function listAppClients(organizationId: string, keyId: string): Promise<AppClient[]> {
  const rows = await db().$queryRaw<AppClient[]>`
    SELECT "ipAddress", "userAgent", "overflow", min("firstSeenAt") AS "firstSeenAt", max("lastSeenAt") AS "lastSeenAt", sum("requestCount")::int AS "requests"
    FROM "KeyActivity"
    WHERE "organizationId" = ${organizationId} AND "keyId" = ${keyId} AND "outcome" <> 'REVOKED'
    GROUP BY "ipAddress", "userAgent", "overflow"
    ORDER BY max("lastSeenAt") DESC
    LIMIT 500`;
  return rows;
}

export type ReviewedActivity = KeyActivityRow & { suspicious: string[] };

// The key's requests in a window, each marked with why it may be suspicious:
// an address never seen before the window, a denied request, any attempt
// after revocation.
export async function reviewActivity(options: {
  organizationId: string;
  keyId: string;
  from: Date;
  to: Date;
  revokedAt: Date | null;
}): Promise<ReviewedActivity[]> {
  const [rows, earlier] = await Promise.all([
    db().keyActivity.findMany({
      where: { organizationId: options.organizationId, keyId: options.keyId, lastSeenAt: { gte: options.from }, firstSeenAt: { lte: options.to } },
      orderBy: { lastSeenAt: "desc" },
      take: 5_000,
    }),
    db().keyActivity.findMany({
      where: { organizationId: options.organizationId, keyId: options.keyId, firstSeenAt: { lt: options.from } },
      select: { ipAddress: true },
      distinct: ["ipAddress"],
    }),
  ]);
  const known = new Set(earlier.map((row) => row.ipAddress));
  return rows.map((row) => {
    const suspicious: string[] = [];
    if (!known.has(row.ipAddress)) suspicious.push("new address");
    if (row.outcome === "DENIED") suspicious.push("denied");
    if (row.outcome === "REVOKED" || (options.revokedAt && row.lastSeenAt > options.revokedAt)) suspicious.push("after revocation");
    return { ...toKeyActivityRow(row), suspicious };
  });
}
