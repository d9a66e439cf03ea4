import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
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

export function actorFor(member: { userId: string; role: Role; email: string }, organizationId: string): Actor {
  return { userId: member.userId, organizationId, role: member.role, label: `${member.role} <${member.email}>`, ipAddress: "203.0.113.7", userAgent: "vitest" };
}

// An organization with one member of every role, and an actor for each.
export async function createOrganizationWithAllRoles() {
  const { organization, members } = await createOrganization(["OWNER", "ADMIN", "SECURITY", "MEMBER"]);
  const actors = Object.fromEntries(members.map((m) => [m.role, actorFor(m, organization.id)])) as Record<Role, Actor>;
  return { organization, actors, members };
}
