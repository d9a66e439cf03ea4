"use server";

import { verifyOwnAuditChain } from "@/lib/audit/verify-audit-chain";
import { runAsActor } from "@/lib/auth/run-as-actor";

// Walks the caller's organization's audit chain and reports the first break.
export async function verifyAuditChainAction() {
  return runAsActor((actor) => verifyOwnAuditChain(actor));
}
