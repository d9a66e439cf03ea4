import { assertCan, type Actor } from "@/lib/auth/actor";
import { NO_LONGER_A_MEMBER } from "@/lib/auth/lock-caller";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordId } from "@/lib/validation/record-id";
import { z } from "@/lib/validation/zod";
import { isSsoConfigured } from "./sso-config";

const CHOOSE_BREAK_GLASS = "Choose the break-glass owner: the one owner who can still sign in with a password.";
export const NOT_CONFIGURED_MESSAGE =
  "Single sign-on is not configured on this server (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET), so it cannot be required.";

export const setSsoRequiredInput = z.object({
  required: z.boolean({ error: "Choose on or off." }),
  breakGlassMembershipId: recordId({ missing: CHOOSE_BREAK_GLASS, invalid: CHOOSE_BREAK_GLASS }).optional(),
});

// Requires SSO for everyone's sign-in but one break-glass owner, or stops
// requiring it; while on, choosing another owner moves the break glass
// (owners only). On needs SSO configured and the break-glass owner to be an
// owner of this organization: an outage of the identity provider then still
// leaves one way in. The organization's row and then every membership of it
// are locked, as a role change does, so a demotion racing this cannot leave
// a non-owner as the break glass, and changes that take the row first
// (naming people) never wait for these memberships in a cycle.
export async function setSsoRequired(options: { actor: Actor; input: unknown }): Promise<{ changed: boolean }> {
  assertCan(options.actor, "settings.manage");
  const { required, breakGlassMembershipId } = setSsoRequiredInput.parse(options.input);
  if (required && !breakGlassMembershipId) throw new AppError("INVALID_INPUT", CHOOSE_BREAK_GLASS, { breakGlassMembershipId: [CHOOSE_BREAK_GLASS] });
  if (required && !isSsoConfigured()) throw new AppError("CONFLICT", NOT_CONFIGURED_MESSAGE);
  assertReauthenticated(options.actor, "sso.set");
  const { actor } = options;
  const organizationId = actor.organizationId;
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Organization" WHERE "id" = ${organizationId} FOR NO KEY UPDATE`;
    const rows = await tx.$queryRaw<{ id: string; role: Role; userId: string }[]>`
      SELECT "id", "role", "userId" FROM "Membership" WHERE "organizationId" = ${organizationId} ORDER BY "id" FOR UPDATE`;
    // The caller as they are now: removed or demoted meanwhile, refused.
    const own = rows.find((row) => row.userId === actor.userId);
    if (!own) throw new AppError("FORBIDDEN", NO_LONGER_A_MEMBER);
    assertCan({ ...actor, role: own.role }, "settings.manage");
    const before = await tx.ssoPolicy.upsert({ where: { organizationId }, create: { organizationId }, update: {} });
    const emailOf = async (membershipId: string | null) => {
      const row = rows.find((r) => r.id === membershipId);
      return row ? (await tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { email: true } })).email : null;
    };
    if (!required) {
      if (!before.required) return { changed: false };
      await tx.ssoPolicy.update({ where: { organizationId }, data: { required: false, breakGlassMembershipId: null } });
      await recordAuditEvent(tx, { actor, action: "organization.sso_required_disabled" });
      return { changed: true };
    }
    const target = rows.find((row) => row.id === breakGlassMembershipId);
    if (!target) throw new AppError("NOT_FOUND", "This person is not a member of your organization.");
    if (target.role !== "OWNER") {
      const message = "The break-glass owner must be an owner of the organization.";
      throw new AppError("INVALID_INPUT", message, { breakGlassMembershipId: [message] });
    }
    if (before.required && before.breakGlassMembershipId === target.id) return { changed: false };
    await tx.ssoPolicy.update({ where: { organizationId }, data: { required: true, breakGlassMembershipId: target.id } });
    const breakGlass = await emailOf(target.id);
    await recordAuditEvent(
      tx,
      before.required
        ? { actor, action: "organization.sso_break_glass_changed", details: { from: await emailOf(before.breakGlassMembershipId), to: breakGlass } }
        : { actor, action: "organization.sso_required_enabled", details: { breakGlass } },
    );
    return { changed: true };
  });
}
