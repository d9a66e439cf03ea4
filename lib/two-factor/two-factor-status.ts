import { db } from "@/lib/db/client";

// Which members have which second factor, for the Members page.
export async function secondFactorsOf(userIds: string[]): Promise<Map<string, { authenticatorApp: boolean }>> {
  const apps = await db().authenticatorApp.findMany({ where: { userId: { in: userIds }, confirmedAt: { not: null } }, select: { userId: true } });
  const withApp = new Set(apps.map((app) => app.userId));
  return new Map(userIds.map((userId) => [userId, { authenticatorApp: withApp.has(userId) }]));
}

// The member's own two-factor state, for the Security page.
export async function twoFactorStatus(userId: string, organizationId: string) {
  const [app, unusedRecoveryCodes, organization] = await Promise.all([
    db().authenticatorApp.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    db().recoveryCode.count({ where: { userId, usedAt: null } }),
    db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { requireTwoFactor: true } }),
  ]);
  return { enabledAt: app?.confirmedAt ?? null, unusedRecoveryCodes, required: organization.requireTwoFactor };
}

// Members of the organization with no second factor yet.
export async function countMembersWithoutSecondFactor(organizationId: string): Promise<number> {
  return db().membership.count({ where: { organizationId, user: { OR: [{ authenticatorApp: null }, { authenticatorApp: { confirmedAt: null } }] } } });
}
