import { db } from "@/lib/db/client";

export type SsoPolicyView = { justInTime: boolean; required: boolean; breakGlassMembershipId: string | null };

// The organization's SSO rules; an organization without a row has them all off.
export async function getSsoPolicy(organizationId: string): Promise<SsoPolicyView> {
  const policy = await db().ssoPolicy.findUnique({
    where: { organizationId },
    select: { justInTime: true, required: true, breakGlassMembershipId: true },
  });
  return policy ?? { justInTime: false, required: false, breakGlassMembershipId: null };
}
