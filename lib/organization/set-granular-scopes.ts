import { assertCan, type Actor } from "@/lib/auth/actor";
import { lockOrganizationAndCaller } from "@/lib/auth/lock-caller";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { z } from "@/lib/validation/zod";

export const setGranularScopesInput = z.object({ enabled: z.boolean({ error: "Choose on or off." }) });

// Turns per-scope keys on or off. Existing keys keep the scopes they have.
export async function setGranularScopes(options: { actor: Actor; input: unknown }): Promise<void> {
  assertCan(options.actor, "settings.manage");
  const { enabled } = setGranularScopesInput.parse(options.input);
  await db().$transaction(async (tx) => {
    await lockOrganizationAndCaller(tx, options.actor, "settings.manage");
    const { count } = await tx.organization.updateMany({
      where: { id: options.actor.organizationId, granularScopes: !enabled },
      data: { granularScopes: enabled },
    });
    if (count === 0) return;
    await recordAuditEvent(tx, {
      actor: options.actor,
      action: enabled ? "organization.granular_scopes_enabled" : "organization.granular_scopes_disabled",
    });
  });
}
