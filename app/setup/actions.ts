"use server";

import { runPublic } from "@/lib/auth/run-public";
import { dataDir } from "@/lib/config/paths";
import { completeSetup } from "@/lib/setup/complete-setup";
import { removeSetupTokenFile } from "@/lib/setup/setup-token";

// First-run setup: creates the organization and its owner with the setup
// token `npm start` printed; refused once any user exists (checked in the
// domain, inside the transaction).
export async function completeSetupAction(input: unknown, setupToken: unknown) {
  return runPublic(async ({ ipAddress, userAgent }) => {
    await completeSetup(input, { setupToken, ipAddress, userAgent });
    removeSetupTokenFile(dataDir());
  });
}
