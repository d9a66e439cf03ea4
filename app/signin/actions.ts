"use server";

import { headers } from "next/headers";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { clientAddressFrom } from "@/lib/auth/client-address";
import { startPasskeyAssertion } from "@/lib/passkeys/verify-passkey";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";

// Options for the browser to sign in with a passkey (before anyone is signed
// in: the passkey names its user). The answer goes to next-auth's "passkey"
// sign-in.
export async function startPasskeySignInAction(): Promise<ActionResult<{ options: PublicKeyCredentialRequestOptionsJSON }>> {
  try {
    return { ok: true, data: await startPasskeyAssertion({ ipAddress: clientAddressFrom(await headers()) }) };
  } catch (error) {
    return toActionError(error);
  }
}
