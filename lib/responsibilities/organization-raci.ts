import { getOrganizationSettings } from "@/lib/organization/get-organization-settings";
import { namedPeople } from "./named-people";
import { raciMatrix } from "./raci";

// The organization's RACI matrix as of now, for the page and its exports.
export async function organizationRaci(organizationId: string) {
  const [organization, named] = await Promise.all([getOrganizationSettings(organizationId), namedPeople(organizationId)]);
  return {
    organization,
    named,
    matrix: raciMatrix({ requireProductionApproval: organization.requireProductionApproval, named }),
  };
}
