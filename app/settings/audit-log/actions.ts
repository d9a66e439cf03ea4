"use server";

import { toActionError, type ActionResult } from "@/lib/action-result";
import { currentActor } from "@/lib/auth/current-actor";
import { verifyOwnAuditChain, type ChainVerdict } from "@/lib/audit/verify-audit-chain";

// Walks the caller's organization's audit chain and reports the first break.
export async function verifyAuditChainAction(): Promise<ActionResult<ChainVerdict>> {
  try {
    return { ok: true, data: await verifyOwnAuditChain(await currentActor()) };
  } catch (error) {
    return toActionError(error);
  }
}
