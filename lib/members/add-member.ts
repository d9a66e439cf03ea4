import { assertCan, type Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { addMemberInput } from "./add-member-input";

// Adds a person to the caller's organization with a first password that the
// owner hands over out of band.
export async function addMember(options: { actor: Actor; input: unknown }): Promise<{ userId: string }> {
  assertCan(options.actor, "members.manage");
  const input = addMemberInput.parse(options.input);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash,
          memberships: { create: { organizationId: options.actor.organizationId, role: input.role } },
        },
      });
      await recordAuditEvent(tx, { actor: options.actor, action: "member.added", details: { email: input.email, role: input.role } });
      return { userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "Someone with this email already has an account.", { email: ["This email already has an account."] });
    }
    throw error;
  }
}
