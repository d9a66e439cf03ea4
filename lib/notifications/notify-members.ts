import type { Prisma } from "@/lib/generated/prisma/client";

// An in-app notification for every member of the organization, written in
// the caller's transaction with the change it announces.
export async function notifyMembers(
  tx: Prisma.TransactionClient,
  notification: { organizationId: string; title: string; body: string; link?: string },
): Promise<number> {
  const members = await tx.membership.findMany({ where: { organizationId: notification.organizationId }, select: { userId: true } });
  await tx.notification.createMany({ data: members.map((m) => ({ ...notification, userId: m.userId })) });
  return members.length;
}

export async function memberEmailAddresses(tx: Prisma.TransactionClient, organizationId: string): Promise<string[]> {
  const members = await tx.membership.findMany({ where: { organizationId }, select: { user: { select: { email: true } } }, orderBy: { createdAt: "asc" } });
  return members.map((m) => m.user.email);
}

// An in-app notification for the given members only (approvers, a requester).
export async function notifyUsers(
  tx: Prisma.TransactionClient,
  notification: { organizationId: string; userIds: readonly string[]; title: string; body: string; link?: string },
): Promise<number> {
  const { userIds, ...content } = notification;
  await tx.notification.createMany({ data: [...new Set(userIds)].map((userId) => ({ ...content, userId })) });
  return userIds.length;
}
