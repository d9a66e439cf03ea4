import type { Role } from "@/lib/generated/prisma/enums";

export const OPERATIONS = [
  "keys.view",
  "keys.create",
  "keys.rename",
  "keys.edit",
  "keys.delete",
  "keys.rotate",
  "keys.approve",
  "members.view",
  "members.manage",
  "audit.view",
  "incidents.run",
  "settings.manage",
] as const;
export type Operation = (typeof OPERATIONS)[number];

export const OPERATION_LABELS: Record<Operation, string> = {
  "keys.view": "See keys and their activity",
  "keys.create": "Create keys",
  "keys.rename": "Rename keys",
  "keys.edit": "Change a key's owner, team and description",
  "keys.delete": "Delete keys",
  "keys.rotate": "Rotate keys",
  "keys.approve": "Approve production key requests (when no approvers are named)",
  "members.view": "See members",
  "members.manage": "Add members, change roles, remove members",
  "audit.view": "Read and export the audit log",
  "incidents.run": "Run the compromise response",
  "settings.manage": "Change organization settings (per-scope keys, webhook)",
};

// The one table of who may do what. Server checks, enabled controls and the
// roles description all read it.
export const ROLE_PERMISSIONS: Record<Role, readonly Operation[]> = {
  OWNER: OPERATIONS,
  ADMIN: ["keys.view", "keys.create", "keys.rename", "keys.edit", "keys.delete", "keys.rotate", "members.view", "audit.view"],
  SECURITY: ["keys.view", "keys.delete", "members.view", "audit.view", "incidents.run"],
  MEMBER: ["keys.view", "members.view"],
};

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  SECURITY: "Security",
  MEMBER: "Member",
};

export function can(role: Role, operation: Operation): boolean {
  return ROLE_PERMISSIONS[role].includes(operation);
}

// Every role, from most to least powerful.
export const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];
