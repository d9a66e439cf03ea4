import { db } from "@/lib/db/client";

// The organization's incidents, open ones first, newest first.
export async function listIncidents(organizationId: string) {
  return db().incident.findMany({
    where: { organizationId },
    orderBy: [{ status: "asc" }, { openedAt: "desc" }],
    take: 200,
    select: { id: true, keyId: true, keyName: true, keyPrefix: true, status: true, openedAt: true, closedAt: true, _count: { select: { steps: true } } },
  });
}
