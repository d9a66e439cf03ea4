import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.test`;
}

// An organization of its own with one member per requested role.
export async function createOrganization(roles: Role[] = ["OWNER"]) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const organization = await db().organization.create({ data: { name: `Org ${randomBytes(3).toString("hex")}` } });
  const members = [];
  for (const role of roles) {
    const user = await db().user.create({
      data: {
        email: uniqueEmail(role.toLowerCase()),
        name: `${role} user`,
        passwordHash: hash,
        memberships: { create: { organizationId: organization.id, role } },
      },
    });
    members.push({ role, userId: user.id, email: user.email });
  }
  return { organization, members };
}
