import { describe, expect, it } from "vitest";
import { toActionError } from "@/lib/action-result";
import { db } from "@/lib/db/client";
import { actorFor, createOrganization } from "@/lib/testing/fixtures";
import { createAuthSession, endAuthSession, listLiveAuthSessions, revokeAuthSession, revokeOtherAuthSessions } from "./auth-sessions";
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
    expect(await listLiveAuthSessions(owner.userId, current.sessionId)).toEqual([expect.objectContaining({ current: true })]);
    // Recorded once; a second call with nothing to revoke records nothing.
    expect(await revokeOtherAuthSessions({ actor, keepSessionId: current.sessionId })).toBe(0);
    const events = await db().auditEvent.findMany({ where: { organizationId: organization.id, action: "auth.sessions_revoked" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: owner.userId, details: { sessions: 1 } });
  });
});

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0";

describe("the sessions page", () => {
  it("lists each live session with its device, address and times, this browser first, by handle only", async () => {
    const { members } = await createOrganization(["OWNER"]);
    const here = await createAuthSession({ userId: members[0].userId, ipAddress: "198.51.100.7", userAgent: CHROME });
    const there = await createAuthSession({ userId: members[0].userId, ipAddress: "203.0.113.9", userAgent: FIREFOX });
    const gone = await createAuthSession({ userId: members[0].userId });
    await revokeAuthSession(gone.sessionId);
    const listed = await listLiveAuthSessions(members[0].userId, here.sessionId);
    expect(listed).toEqual([
      expect.objectContaining({ device: "Chrome 131 on Windows", ipAddress: "198.51.100.7", current: true }),
      expect.objectContaining({ device: "Firefox 133 on macOS", ipAddress: "203.0.113.9", current: false }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(here.sessionId);
    expect(JSON.stringify(listed)).not.toContain(there.sessionId);
  });

  it("moves last seen forward at most once a minute per session", async () => {
    const { members } = await createOrganization(["OWNER"]);
    const { sessionId } = await createAuthSession({ userId: members[0].userId });
    const lastSeen = async () => (await db().authSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt;
    const t0 = new Date(Date.now() + 1000);
    await resolveMember(sessionId, t0);
    expect(await lastSeen()).toEqual(t0);
    await resolveMember(sessionId, new Date(t0.getTime() + 59_000));
    expect(await lastSeen()).toEqual(t0);
    const t1 = new Date(t0.getTime() + 61_000);
    await Promise.all([resolveMember(sessionId, t1), resolveMember(sessionId, t1)]);
    expect(await lastSeen()).toEqual(t1);
  });

  it("ends any one of the caller's own sessions, audited; never another user's, nor one already ended", async () => {
    const { organization, members } = await createOrganization(["OWNER", "MEMBER"]);
    const [owner, other] = members;
    const here = await createAuthSession({ userId: owner.userId });
    const laptop = await createAuthSession({ userId: owner.userId, ipAddress: "203.0.113.9", userAgent: FIREFOX });
    const theirs = await createAuthSession({ userId: other.userId });
    const actor = { ...actorFor(owner, organization.id), session: { id: here.sessionId, reauthenticatedAt: null } };
    const handleOf = async (sessionId: string) => (await db().authSession.findUniqueOrThrow({ where: { id: sessionId } })).handle;

    expect(await endAuthSession({ actor, input: { handle: await handleOf(laptop.sessionId) } })).toEqual({ device: "Firefox 133 on macOS" });
    expect(await resolveMember(laptop.sessionId)).toBeNull();
    expect(await resolveMember(here.sessionId)).not.toBeNull();
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: organization.id, action: "auth.session_ended" } });
    expect(event.details).toEqual({ device: "Firefox 133 on macOS", ipAddress: "203.0.113.9", thisBrowser: false });

    for (const handle of [
      await handleOf(theirs.sessionId),
      await handleOf(laptop.sessionId),
      theirs.sessionId,
      "__proto__",
      "constructor",
      "",
      "x".repeat(65),
      "a\u0000",
    ]) {
      const refused = await endAuthSession({ actor, input: { handle } }).catch((error: unknown) => toActionError(error));
      expect(refused, handle).toMatchObject({ ok: false, code: expect.stringMatching(/^(NOT_FOUND|INVALID_INPUT)$/) });
    }
    for (const input of [null, {}, { handle: 5 }, { handle: ["x"] }, { ["__proto__"]: { handle: await handleOf(theirs.sessionId) } }]) {
      await expect(endAuthSession({ actor, input })).rejects.toThrow();
    }
    expect(await resolveMember(theirs.sessionId)).not.toBeNull();
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "auth.session_ended" } })).toBe(1);

    // This browser's own: signing out.
    await endAuthSession({ actor, input: { handle: await handleOf(here.sessionId) } });
    expect(await resolveMember(here.sessionId)).toBeNull();
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

describe("what a new session counts as", () => {
  it("an SSO sign-in is a confirmation for the usual window; a password or passkey sign-in is not", async () => {
    const { members } = await createOrganization();
    const stamp = async (proof: Parameters<typeof createAuthSession>[0]["proof"]) => {
      const { sessionId } = await createAuthSession({ userId: members[0].userId, proof });
      return (await db().authSession.findUniqueOrThrow({ where: { id: sessionId } })).reauthenticatedAt;
    };
    expect(await stamp({ method: "sso" })).not.toBeNull();
    expect(await stamp({ method: "passkey" })).toBeNull();
    expect(await stamp(undefined)).toBeNull();
  });
});
