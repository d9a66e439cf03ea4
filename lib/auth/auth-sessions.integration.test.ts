import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, createOrganization } from "@/lib/testing/fixtures";
import { createAuthSession, listLiveAuthSessions, revokeAuthSession, revokeOtherAuthSessions } from "./auth-sessions";
import { isLiveSession } from "./live-session";
import { resolveMember } from "./resolve-member";

describe("auth sessions", () => {
  it("resolves a live session to its member, organization and role", async () => {
    const { organization, members } = await createOrganization(["ADMIN"]);
    const { sessionId } = await createAuthSession({ userId: members[0].userId, ipAddress: "127.0.0.1" });
    expect(await resolveMember(sessionId)).toMatchObject({
      userId: members[0].userId,
      role: "ADMIN",
      organizationId: organization.id,
      organizationName: organization.name,
    });
  });

  it("stops resolving a session the moment it is revoked", async () => {
    const { members } = await createOrganization();
    const { sessionId } = await createAuthSession({ userId: members[0].userId });
    await revokeAuthSession(sessionId);
    expect(await resolveMember(sessionId)).toBeNull();
  });

  it("does not resolve an expired or unknown session", async () => {
    const { members } = await createOrganization();
    const { sessionId } = await createAuthSession({ userId: members[0].userId });
    await db().authSession.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveMember(sessionId)).toBeNull();
    expect(await resolveMember("no-such-session")).toBeNull();
  });

  it("signs out the user's other sessions only, never another user's", async () => {
    const { organization, members } = await createOrganization(["OWNER", "MEMBER"]);
    const [owner, other] = members;
    const actor = actorFor(owner, organization.id);
    const current = await createAuthSession({ userId: owner.userId });
    const stale = await createAuthSession({ userId: owner.userId });
    const someoneElse = await createAuthSession({ userId: other.userId });
    expect(await revokeOtherAuthSessions({ actor, keepSessionId: current.sessionId })).toBe(1);
    expect(await resolveMember(current.sessionId)).not.toBeNull();
    expect(await resolveMember(stale.sessionId)).toBeNull();
    expect(await resolveMember(someoneElse.sessionId)).not.toBeNull();
    expect((await listLiveAuthSessions(owner.userId)).map((s) => s.id)).toEqual([current.sessionId]);
    // Recorded once; a second call with nothing to revoke records nothing.
    expect(await revokeOtherAuthSessions({ actor, keepSessionId: current.sessionId })).toBe(0);
    const events = await db().auditEvent.findMany({ where: { organizationId: organization.id, action: "auth.sessions_revoked" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: owner.userId, details: { sessions: 1 } });
  });
});

describe("isLiveSession (what /api/auth/session answers for a cookie)", () => {
  it("is true only for a live session of a member", async () => {
    const { members } = await createOrganization(["OWNER", "MEMBER"]);
    const [owner, removed] = members;
    const live = await createAuthSession({ userId: owner.userId });
    const signedOut = await createAuthSession({ userId: owner.userId });
    await revokeAuthSession(signedOut.sessionId);
    const expired = await createAuthSession({ userId: owner.userId });
    await db().authSession.update({ where: { id: expired.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const ofRemovedMember = await createAuthSession({ userId: removed.userId });
    await db().membership.deleteMany({ where: { userId: removed.userId } });

    expect(await isLiveSession(live.sessionId)).toBe(true);
    expect(await isLiveSession(signedOut.sessionId)).toBe(false);
    expect(await isLiveSession(expired.sessionId)).toBe(false);
    expect(await isLiveSession(ofRemovedMember.sessionId)).toBe(false);
    expect(await isLiveSession("no-such-session")).toBe(false);
    expect(await isLiveSession(undefined)).toBe(false);
  });
});
