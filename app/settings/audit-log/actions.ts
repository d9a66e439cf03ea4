"use server";

import { toActionError, type ActionResult } from "@/lib/action-result";
import { assertCan } from "@/lib/auth/actor";
import { currentActor } from "@/lib/auth/current-actor";
import { verifyAuditChain, type ChainVerdict } from "@/lib/audit/verify-audit-chain";

// Walks the caller's organization's audit chain and reports the first break.
export async function verifyAuditChainAction(): Promise<ActionResult<ChainVerdict>> {
  try {
    const actor = await currentActor();
    assertCan(actor, "audit.view");
    return { ok: true, data: await verifyAuditChain(actor.organizationId) };
  } catch (error) {
    return toActionError(error);
  }
}
