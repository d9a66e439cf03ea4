"use server";

import { toActionError, type ActionResult } from "@/lib/action-result";
import { completeSetup } from "@/lib/setup/complete-setup";

// First-run setup: creates the organization and its owner; refused once any
// user exists (checked in the domain, inside the transaction).
export async function completeSetupAction(input: unknown): Promise<ActionResult> {
  try {
    await completeSetup(input);
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
