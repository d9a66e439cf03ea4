"use server";

import { endAuthSession, revokeOtherAuthSessions } from "@/lib/auth/auth-sessions";
import { runAsActor } from "@/lib/auth/run-as-actor";

const SESSIONS_PAGE = { path: "/settings/sessions" };

// Signs one of the caller's own sessions out (this browser's too).
export async function endSessionAction(input: unknown) {
  return runAsActor((actor) => endAuthSession({ actor, input }), SESSIONS_PAGE);
}

// Signs the caller out everywhere but this browser.
export async function revokeOtherSessionsAction() {
  return runAsActor(async (actor) => ({ revoked: await revokeOtherAuthSessions({ actor }) }), SESSIONS_PAGE);
}
