import { db } from "@/lib/db/client";

export async function listMembers(organizationId: string) {
  const memberships = await db().membership.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "asc" }],
    select: {
      id: true,
      role: true,
      createdAt: true,
      userId: true,
      user: {
        select: { name: true, email: true, passwordHash: true, authenticatorApp: { select: { confirmedAt: true } }, _count: { select: { passkeys: true } } },
      },
    },
  });
  // Only whether a password was chosen leaves here, never the hash.
  return memberships.map((m) => ({
    id: m.id,
    userId: m.userId,
    role: m.role,
    joinedAt: m.createdAt,
    name: m.user.name,
    email: m.user.email,
    waitingForPassword: m.user.passwordHash === null,
    // The second factors the member has (the Members page shows which).
    secondFactors: [
      ...(m.user.authenticatorApp?.confirmedAt ? ["Authenticator app"] : []),
      ...(m.user._count.passkeys > 0 ? [m.user._count.passkeys === 1 ? "Passkey" : `${m.user._count.passkeys} passkeys`] : []),
    ],
  }));
}
