import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import { holdersOf, namedPeople } from "@/lib/responsibilities/named-people";

type Person = { userId: string; name: string; email: string };

// Who may decide a request: the named approvers, or the owners when none
// are named; never its requester. If the requester is the only named
// approver, the owners decide their requests.
export async function possibleApprovers(tx: Prisma.TransactionClient, organizationId: string, requesterId: string | null): Promise<Person[]> {
  const others = (people: Person[]) => people.filter((person) => person.userId !== requesterId);
  const named = others(holdersOf(await namedPeople(organizationId, tx), "PRODUCTION_APPROVER"));
  if (named.length > 0) return named;
  const members = await tx.membership.findMany({
    where: { organizationId },
    orderBy: { createdAt: "asc" },
    select: { userId: true, role: true, user: { select: { name: true, email: true } } },
  });
  return others(members.filter((m) => can(m.role, "keys.approve")).map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email })));
}

// Everyone who could decide some request: the named approvers and the
// owners. Two or more means every requester has someone else.
export async function approverPool(tx: Prisma.TransactionClient, organizationId: string): Promise<number> {
  const named = holdersOf(await namedPeople(organizationId, tx), "PRODUCTION_APPROVER").map((p) => p.userId);
  const members = await tx.membership.findMany({ where: { organizationId }, select: { userId: true, role: true } });
  return new Set([...named, ...members.filter((m) => can(m.role, "keys.approve")).map((m) => m.userId)]).size;
}

// The people who can approve before a change to roles, members or
// approvers, counted under the organization's lock; null while approvals
// are off, when no change needs checking (and nothing more is read).
export async function approversBeforeChange(tx: Prisma.TransactionClient, organizationId: string): Promise<number | null> {
  const { requireProductionApproval } = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { requireProductionApproval: true } });
  return requireProductionApproval ? approverPool(tx, organizationId) : null;
}

// Whether the change just made took the people who can approve below two:
// then some requester has no one else, and their production keys wait for
// good. Checked last, in the change's transaction. An organization already
// below two can still change what does not make it worse.
export async function approversFellBelowTwo(tx: Prisma.TransactionClient, organizationId: string, before: number | null): Promise<boolean> {
  if (before === null) return false;
  const after = await approverPool(tx, organizationId);
  return after < 2 && after < before;
}

// Whether the person may decide some request at all: a named approver, or
// a role that approves, as their membership is now (the caller holds the
// organization's row, so no member or approver change is in flight).
export async function mayApproveAny(tx: Prisma.TransactionClient, actor: { organizationId: string; userId: string }) {
  const membership = await tx.membership.findFirst({ where: { organizationId: actor.organizationId, userId: actor.userId }, select: { role: true } });
  if (!membership) return false;
  if (can(membership.role, "keys.approve")) return true;
  return holdersOf(await namedPeople(actor.organizationId, tx), "PRODUCTION_APPROVER").some((p) => p.userId === actor.userId);
}
