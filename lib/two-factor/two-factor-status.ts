import { db } from "@/lib/db/client";
import { listPasskeys } from "@/lib/passkeys/manage-passkeys";

// The member's own second factors, for the Security page.
export async function twoFactorStatus(userId: string, organizationId: string) {
  const [app, passkeys, unusedRecoveryCodes, organization] = await Promise.all([
    db().authenticatorApp.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    listPasskeys(userId),
    db().recoveryCode.count({ where: { userId, usedAt: null } }),
    db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { requireTwoFactor: true } }),
  ]);
  return { appEnabledAt: app?.confirmedAt ?? null, passkeys, unusedRecoveryCodes, required: organization.requireTwoFactor };
}
export type TwoFactorStatus = Awaited<ReturnType<typeof twoFactorStatus>>;

// Members of the organization with no second factor yet.
export async function countMembersWithoutSecondFactor(organizationId: string): Promise<number> {
  return db().membership.count({
    where: { organizationId, user: { passkeys: { none: {} }, OR: [{ authenticatorApp: null }, { authenticatorApp: { confirmedAt: null } }] } },
  });
}
