import { assertCan, type Actor } from "@/lib/auth/actor";
import { lockOrganizationAndCaller } from "@/lib/auth/lock-caller";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { approverPool } from "@/lib/key-requests/approvers";
import { z } from "@/lib/validation/zod";

export const setProductionApprovalInput = z.object({ enabled: z.boolean({ error: "Choose on or off." }) });

// Turns approval for production keys on or off (owners only). On needs two
// people who can approve, so every request has someone besides its requester.
export async function setProductionApproval(options: { actor: Actor; input: unknown }): Promise<{ changed: boolean }> {
  assertCan(options.actor, "settings.manage");
  const { enabled } = setProductionApprovalInput.parse(options.input);
  assertReauthenticated(options.actor, "approvals.set");
  const organizationId = options.actor.organizationId;
  return db().$transaction(async (tx) => {
    // The lock member changes take first too (lib/members/change-member.ts).
    await lockOrganizationAndCaller(tx, options.actor, "settings.manage");
    if (enabled && (await approverPool(tx, organizationId)) < 2) {
      throw new AppError(
        "CONFLICT",
        "Approvals need at least two people who can approve, so no one is left approving their own request. Name approvers on the Responsibilities page, or add a second owner.",
      );
    }
    const { count } = await tx.organization.updateMany({
      where: { id: organizationId, requireProductionApproval: !enabled },
      data: { requireProductionApproval: enabled },
    });
    if (count === 0) return { changed: false };
    await recordAuditEvent(tx, {
      actor: options.actor,
      action: enabled ? "organization.production_approval_enabled" : "organization.production_approval_disabled",
    });
    return { changed: true };
  });
}
