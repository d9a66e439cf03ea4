import { db } from "@/lib/db/client";

export async function getOrganizationSettings(organizationId: string) {
  return db().organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { id: true, name: true, granularScopes: true, requireProductionApproval: true, requireTwoFactor: true },
  });
}
