import { recordAuditEvent } from "@/lib/audit/record-event";
import { hashPassword } from "@/lib/auth/password";
import { assertAcceptablePassword } from "@/lib/auth/password-policy";
import { db } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { setupInput } from "./setup-input";
import { isSetupComplete } from "./setup-state";
import { consumeSetupTokens, isValidSetupToken } from "./setup-token";

export const SETUP_COMPLETE_MESSAGE = "Setup is already complete. Sign in instead.";
export const SETUP_LINK_MESSAGE = "This setup link is not valid. Open the link `npm start` printed in its terminal.";

// First run: creates the organization and its owner. Allowed only while no
// user exists and only with a setup token `npm start` printed (whoever
// reached a fresh install first would otherwise own it); the single
// Installation row makes racing requests fail too. Recorded as the
// organization's first audit event.
export async function completeSetup(
  input: unknown,
  options: { setupToken: unknown; ipAddress?: string | null; userAgent?: string | null },
): Promise<{ organizationId: string; userId: string }> {
  const data = setupInput.parse(input);
  assertAcceptablePassword(data.password, { email: data.email, name: data.name });
  // Cheap refusals before the costly hash: anyone can post here, and argon2
  // on demand would let them load the server.
  if (await isSetupComplete()) throw new AppError("SETUP_COMPLETE", SETUP_COMPLETE_MESSAGE);
  if (!(await isValidSetupToken(options.setupToken))) throw new AppError("FORBIDDEN", SETUP_LINK_MESSAGE);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db().$transaction(async (tx) => {
      // One setup at a time: a racing one then sees the first one's user
      // (SETUP_COMPLETE), not the tokens it used up.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('secret-keys:setup'))`;
      if ((await tx.user.count()) > 0) throw new AppError("SETUP_COMPLETE", SETUP_COMPLETE_MESSAGE);
      if (!(await isValidSetupToken(options.setupToken, tx))) throw new AppError("FORBIDDEN", SETUP_LINK_MESSAGE);
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
      await consumeSetupTokens(tx);
      await recordAuditEvent(tx, {
        actor: {
          userId: user.id,
          organizationId: organization.id,
          role: "OWNER",
          label: `${user.name} <${user.email}>`,
          ipAddress: options.ipAddress ?? null,
          userAgent: options.userAgent?.slice(0, 500) ?? null,
        },
        action: "organization.created",
        details: { organization: organization.name, owner: user.email },
      });
      return { organizationId: organization.id, userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("SETUP_COMPLETE", SETUP_COMPLETE_MESSAGE);
    throw error;
  }
}
