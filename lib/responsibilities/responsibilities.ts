import type { Responsibility, Role } from "@/lib/generated/prisma/enums";

export const RESPONSIBILITIES = ["PRODUCTION_APPROVER", "BILLING_OWNER", "SECURITY_CONTACT"] as const satisfies readonly Responsibility[];

// What each named responsibility means, how many people may hold it, and
// which roles may: an approver or security contact must be able to see the
// audit trail they answer for, so never a plain member.
export const RESPONSIBILITY_INFO: Record<Responsibility, { label: string; description: string; many: boolean; roles: readonly Role[] }> = {
  PRODUCTION_APPROVER: {
    label: "Approves production keys",
    description: "Decides requests for production keys when approvals are required. Without anyone named, owners do.",
    many: true,
    roles: ["OWNER", "ADMIN", "SECURITY"],
  },
  BILLING_OWNER: {
    label: "Billing owner",
    description: "Answers for what the platform's keys cost, and receives the monthly key-hygiene digest.",
    many: false,
    roles: ["OWNER", "ADMIN", "SECURITY", "MEMBER"],
  },
  SECURITY_CONTACT: {
    label: "Security contact",
    description: "Is told first of compromises, and receives the organization-wide key-hygiene digest.",
    many: false,
    roles: ["OWNER", "ADMIN", "SECURITY"],
  },
};

export function mayHold(responsibility: Responsibility, role: Role): boolean {
  return RESPONSIBILITY_INFO[responsibility].roles.includes(role);
}
