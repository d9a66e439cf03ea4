"use server";

import { runAsActor } from "@/lib/auth/run-as-actor";
import { reauthenticate } from "@/lib/auth/reauthentication";

// Confirms the caller's password again; this session may then do dangerous
// actions for 10 minutes (lib/auth/reauthentication-rules.ts).
export async function reauthenticateAction(input: unknown) {
  return runAsActor((actor) => reauthenticate({ actor, input }), undefined, { enrolling: true });
}
