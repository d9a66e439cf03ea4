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

type Message = { title: string; body: string };

// Who gets which message about one key: its owner (when a member) their own,
// first; every other member the broadcast. Nobody gets both.
export function addressedToOwner(userIds: string[], ownerId: string | null | undefined, everyone: Message, owner: Message): (Message & { userId: string })[] {
  const isOwner = (userId: string) => ownerId !== null && ownerId !== undefined && userId === ownerId;
  return [
    ...userIds.filter(isOwner).map((userId) => ({ ...owner, userId })),
    ...userIds.filter((userId) => !isOwner(userId)).map((userId) => ({ ...everyone, userId })),
  ];
}

// An in-app notification about one key for every member, the key's owner
// addressed as its owner (see addressedToOwner); in the caller's transaction.
export async function notifyOwnerAndMembers(
  tx: Prisma.TransactionClient,
  notification: { organizationId: string; link?: string; ownerId: string | null; everyone: Message; owner: Message },
): Promise<number> {
  const members = await tx.membership.findMany({
    where: { organizationId: notification.organizationId },
    select: { userId: true },
    orderBy: { createdAt: "asc" },
  });
  const addressed = addressedToOwner(
    members.map((m) => m.userId),
    notification.ownerId,
    notification.everyone,
    notification.owner,
  );
  await tx.notification.createMany({ data: addressed.map((n) => ({ ...n, organizationId: notification.organizationId, link: notification.link })) });
  return members.length;
}

// Every member's address; the key owner's first when one is given.
export async function memberEmailAddresses(tx: Prisma.TransactionClient, organizationId: string, ownerId?: string | null): Promise<string[]> {
  const members = await tx.membership.findMany({
    where: { organizationId },
    select: { userId: true, user: { select: { email: true } } },
    orderBy: { createdAt: "asc" },
  });
  const owner = members.filter((m) => m.userId === ownerId);
  return [...owner, ...members.filter((m) => m.userId !== ownerId)].map((m) => m.user.email);
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
