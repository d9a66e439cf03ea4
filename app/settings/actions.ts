"use server";

import { runAsActor } from "@/lib/auth/run-as-actor";
import { reauthenticate } from "@/lib/auth/reauthentication";
import { startPasskeyAssertion } from "@/lib/passkeys/verify-passkey";

// Confirms it is the caller again (password, code or passkey); this session
// may then do dangerous actions for 10 minutes (lib/auth/reauthentication-rules.ts).
export async function reauthenticateAction(input: unknown) {
  return runAsActor((actor) => reauthenticate({ actor, input }), undefined, { enrolling: true });
}

// Options for the browser to confirm it is the caller with one of their passkeys.
export async function startPasskeyReauthAction() {
  return runAsActor((actor) => startPasskeyAssertion({ ipAddress: actor.ipAddress ?? "unknown", userId: actor.userId }), undefined, { enrolling: true });
}
