import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { setupInput } from "./setup-input";

export const SETUP_COMPLETE_MESSAGE = "Setup is already complete. Sign in instead.";

// First run: creates the organization and its owner. Allowed only while no
// user exists; the single Installation row makes racing requests fail too.
export async function completeSetup(input: unknown): Promise<{ organizationId: string; userId: string }> {
  const data = setupInput.parse(input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db().$transaction(async (tx) => {
      if ((await tx.user.count()) > 0) throw new AppError("SETUP_COMPLETE", SETUP_COMPLETE_MESSAGE);
      await tx.installation.create({ data: { id: 1 } });
      const organization = await tx.organization.create({ data: { name: data.organizationName } });
      const user = await tx.user.create({
        data: {
          email: data.email,
          name: data.name,
          passwordHash,
          memberships: { create: { organizationId: organization.id, role: "OWNER" } },
        },
      });
      return { organizationId: organization.id, userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("SETUP_COMPLETE", SETUP_COMPLETE_MESSAGE);
    throw error;
  }
}
