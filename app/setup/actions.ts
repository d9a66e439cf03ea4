"use server";

import { headers } from "next/headers";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { clientAddressFrom, userAgentFrom } from "@/lib/auth/client-address";
import { dataDir } from "@/lib/config/paths";
import { completeSetup } from "@/lib/setup/complete-setup";
import { removeSetupTokenFile } from "@/lib/setup/setup-token";

// First-run setup: creates the organization and its owner with the setup
// token `npm start` printed; refused once any user exists (checked in the
// domain, inside the transaction).
export async function completeSetupAction(input: unknown, setupToken: unknown): Promise<ActionResult> {
  try {
    const requestHeaders = await headers();
    await completeSetup(input, { setupToken, ipAddress: clientAddressFrom(requestHeaders), userAgent: userAgentFrom(requestHeaders) });
    removeSetupTokenFile(dataDir());
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
