"use server";

import { runPublic } from "@/lib/auth/run-public";
import { startPasskeyAssertion } from "@/lib/passkeys/verify-passkey";

// Options for the browser to sign in with a passkey (before anyone is signed
// in: the passkey names its user). The answer goes to next-auth's "passkey"
// sign-in.
export async function startPasskeySignInAction() {
  return runPublic(({ ipAddress }) => startPasskeyAssertion({ ipAddress }));
}
