import { assertCan, type Actor } from "@/lib/auth/actor";
import { lockOrganizationAndCaller } from "@/lib/auth/lock-caller";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { z } from "@/lib/validation/zod";
import { countSecondFactors } from "./recovery-code-store";

export const setRequireTwoFactorInput = z.object({ enabled: z.boolean({ error: "Choose on or off." }) });

// Requires every member to sign in with a second factor (owners only).
// Members without one are led to enrol at their next request and can do
// nothing else until they have. Turning it on needs one of your own, so the
// owner who does it is never the first one shut out.
export async function setRequireTwoFactor(options: { actor: Actor; input: unknown }): Promise<{ changed: boolean }> {
  const { actor } = options;
  assertCan(actor, "settings.manage");
  const { enabled } = setRequireTwoFactorInput.parse(options.input);
  assertReauthenticated(actor, "two_factor.require");
  return db().$transaction(async (tx) => {
    await lockOrganizationAndCaller(tx, actor, "settings.manage");
    if (enabled) {
      if ((await countSecondFactors(tx, actor.userId)) === 0)
        throw new AppError("CONFLICT", "Set up two-factor sign-in for yourself first (Your two-factor sign-in, below).");
    }
    const { count } = await tx.organization.updateMany({
      where: { id: actor.organizationId, requireTwoFactor: !enabled },
      data: { requireTwoFactor: enabled },
    });
    if (count === 0) return { changed: false };
    await recordAuditEvent(tx, { actor, action: enabled ? "organization.two_factor_required" : "organization.two_factor_optional" });
    return { changed: true };
  });
}
