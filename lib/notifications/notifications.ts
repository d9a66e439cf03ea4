import { db } from "@/lib/db/client";

// A member's own notifications only: user and organization in every query.
export async function countUnread(userId: string, organizationId: string): Promise<number> {
  return db().notification.count({ where: { userId, organizationId, readAt: null } });
}

export async function listNotifications(userId: string, organizationId: string) {
  return db().notification.findMany({
    where: { userId, organizationId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, title: true, body: true, link: true, createdAt: true, readAt: true },
  });
}

export async function markAllRead(userId: string, organizationId: string): Promise<number> {
  const { count } = await db().notification.updateMany({ where: { userId, organizationId, readAt: null }, data: { readAt: new Date() } });
  return count;
}
