import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { refusalFor, type Actor } from "./actor";
import { can, type Operation } from "./permissions";

export const NO_LONGER_A_MEMBER = "You are no longer a member of this organization.";

// The caller's membership, locked (FOR SHARE) until the transaction ends,
// with the other members the change names (or every member: "all"), in id
// order: the order a removal or a role change locks them in, so neither
// waits for the other in a cycle. A removal or role change in progress is
// waited for and read as it ends: a caller removed meanwhile is refused,
// and so is one whose new role does not allow the operation (the session's
// role was read before). First in a transaction, before any key row; after
// the organization's row where the transaction takes that. A transaction
// that locks further memberships later (a foreign key to one counts) must
// name them here, or take every member, so the order holds. Returns the
// caller's role as it is now and the user ids of the members found.
export async function lockCaller(
  tx: Prisma.TransactionClient,
  actor: Actor,
  // null: a change of the caller's own account, which any member may make.
  operation: Operation | null,
  others: (string | null | undefined)[] | "all" = [],
): Promise<{ role: Role; members: Set<string> }> {
  const rows =
    others === "all"
      ? await tx.$queryRaw<{ userId: string; role: Role }[]>`
          SELECT "userId", "role" FROM "Membership" WHERE "organizationId" = ${actor.organizationId} ORDER BY "id" FOR SHARE`
      : await tx.$queryRaw<{ userId: string; role: Role }[]>`
          SELECT "userId", "role" FROM "Membership"
          WHERE "organizationId" = ${actor.organizationId} AND "userId" = ANY(${[...new Set([actor.userId, ...others.filter((id) => typeof id === "string")])]})
          ORDER BY "id" FOR SHARE`;
  const own = rows.find((row) => row.userId === actor.userId);
  if (!own) throw new AppError("FORBIDDEN", NO_LONGER_A_MEMBER);
  if (operation && !can(own.role, operation)) throw new AppError("FORBIDDEN", refusalFor(operation));
  return { role: own.role, members: new Set(rows.map((row) => row.userId)) };
}

// For a change of the organization's own settings: its row first (FOR NO
// KEY UPDATE, as member changes take it, which serializes the two without
// holding back rows that merely reference it), then the caller.
export async function lockOrganizationAndCaller(tx: Prisma.TransactionClient, actor: Actor, operation: Operation): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "Organization" WHERE "id" = ${actor.organizationId} FOR NO KEY UPDATE`;
  await lockCaller(tx, actor, operation);
}
