import { db } from "@/lib/db/client";
import type { KeyRecord } from "./key-record";

// One indexed lookup by the key's HMAC (unique index on "hash").
export async function loadKeyRecord(hash: string): Promise<KeyRecord | null> {
  const row = await db().secretKey.findUnique({
    where: { hash },
    select: {
      id: true,
      organizationId: true,
      name: true,
      environment: true,
      scopes: true,
      permission: true,
      restrictedActions: true,
      expiresAt: true,
      deletedAt: true,
      rateLimitPerMinute: true,
    },
  });
  if (!row) return null;
  return {
    ...row,
    restrictedActions: (row.restrictedActions as KeyRecord["restrictedActions"]) ?? null,
    expiresAt: row.expiresAt?.getTime() ?? null,
    deletedAt: row.deletedAt?.getTime() ?? null,
  };
}
