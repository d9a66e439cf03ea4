import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export const BREAK_GLASS_MESSAGE =
  "This owner is the break-glass owner while SSO is required. Choose another break-glass owner on the Security page, or stop requiring SSO, first.";

// Refuses to demote or remove the break-glass owner while SSO is required:
// they are the way in when the identity provider is down. Called by the
// member changes under their lock on the organization's memberships.
export async function assertNotBreakGlass(tx: Prisma.TransactionClient, membershipId: string): Promise<void> {
  const policy = await tx.ssoPolicy.findFirst({ where: { breakGlassMembershipId: membershipId, required: true }, select: { organizationId: true } });
  if (policy) throw new AppError("CONFLICT", BREAK_GLASS_MESSAGE);
}
