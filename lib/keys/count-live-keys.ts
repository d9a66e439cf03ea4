import { db } from "@/lib/db/client";

export async function countLiveKeys(organizationId: string): Promise<number> {
  return db().secretKey.count({ where: { organizationId, deletedAt: null } });
}
