import { db } from "@/lib/db/client";

export const SSO_REQUIRED_MESSAGE = "Your organization signs in with single sign-on. Use “Sign in with SSO”.";

// Whether a password or a passkey (the panel's own ways in) may not sign
// this user in: an organization of theirs requires SSO and they are not its
// break-glass owner, still an owner. Asked only after the password or passkey
// proved right, so it tells nobody else whether the email has an account.
export async function isLocalSignInBlocked(userId: string): Promise<boolean> {
  const [{ blocking }] = await db().$queryRaw<{ blocking: number }[]>`
    SELECT count(*)::int AS "blocking"
    FROM "Membership" m JOIN "SsoPolicy" p ON p."organizationId" = m."organizationId"
    WHERE m."userId" = ${userId} AND p."required"
      AND NOT (m."role" = 'OWNER' AND p."breakGlassMembershipId" IS NOT DISTINCT FROM m."id")`;
  return blocking > 0;
}
