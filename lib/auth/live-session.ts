import { resolveMember } from "./resolve-member";

// Whether the session id in a decoded session cookie still names a live
// session row of a member: known, not revoked (signed out, "sign out other
// sessions"), not expired, and its user still in an organization.
export async function isLiveSession(sid: unknown, now = new Date()): Promise<boolean> {
  return typeof sid === "string" && (await resolveMember(sid, now)) !== null;
}

export class SessionEndedError extends Error {
  constructor() {
    super("The session behind this cookie has ended.");
    this.name = "SessionEndedError";
  }
}
