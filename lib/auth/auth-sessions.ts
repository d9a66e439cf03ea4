import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordId } from "@/lib/validation/record-id";
import { z } from "@/lib/validation/zod";
import type { Actor } from "./actor";
import { describeDevice, deviceLabel } from "./describe-device";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

// How the browser proved who it is. A password sign-in names the hash it
// checked: the session is made only if the account still has that password,
// in one statement, so a sign-in checked against a password that was changed
// meanwhile (an owner setting a new first password for a member taken back)
// gets nothing. A passkey or SSO sign-in has no password to hold on to: the
// authenticator or the identity provider vouched for the person, and every
// request checks the membership (resolveMember) anyway. Tests and fixtures
// make sessions without a proof.
export type SessionProof = { method: "password"; whilePasswordHash: string } | { method: "passkey" } | { method: "sso" };

export async function createAuthSession(options: {
  userId: string;
  ipAddress?: string;
  userAgent?: string;
  proof?: SessionProof;
}): Promise<{ sessionId: string }> {
  const sessionId = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  const userAgent = options.userAgent?.slice(0, 500) ?? null;
  const proof = options.proof;
  if (proof?.method !== "password") {
    // A sign-in through the identity provider is the one confirmation an
    // account without a password can give: it holds for the usual window.
    const reauthenticatedAt = proof?.method === "sso" ? new Date() : null;
    await db().authSession.create({
      data: {
        id: sessionId,
        userId: options.userId,
        expiresAt,
        ipAddress: options.ipAddress,
        userAgent,
        signInMethod: proof?.method ?? "password",
        reauthenticatedAt,
      },
    });
    return { sessionId };
  }
  const created = await db().$executeRaw`
    INSERT INTO "AuthSession" ("id", "userId", "createdAt", "expiresAt", "ipAddress", "userAgent", "signInMethod")
    SELECT ${sessionId}, u."id", ${new Date()}, ${expiresAt}, ${options.ipAddress ?? null}, ${userAgent}, 'password'
    FROM "User" u WHERE u."id" = ${options.userId} AND u."passwordHash" = ${proof.whilePasswordHash}`;
  if (created === 0) throw new AppError("UNAUTHENTICATED", "That email and password do not match an account.");
  return { sessionId };
}

export async function revokeAuthSession(sessionId: string): Promise<void> {
  await db().authSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

// Revokes every other live session of the caller (scoped by user in the
// query), recorded in the audit log when any were live.
// Keeps the caller's own session unless told another.
export async function revokeOtherAuthSessions(options: { actor: Actor; keepSessionId?: string }): Promise<number> {
  const keepSessionId = options.keepSessionId ?? options.actor.session?.id;
  if (!keepSessionId) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return db().$transaction(async (tx) => {
    const { count } = await tx.authSession.updateMany({
      where: { userId: options.actor.userId, revokedAt: null, id: { not: keepSessionId } },
      data: { revokedAt: new Date() },
    });
    if (count > 0) await recordAuditEvent(tx, { actor: options.actor, action: "auth.sessions_revoked", details: { sessions: count } });
    return count;
  });
}

export type LiveSession = {
  handle: string;
  device: string;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

// The user's live sessions for the sessions page, newest activity first.
// Each is named by its handle; the session id stays on the server.
export async function listLiveAuthSessions(userId: string, currentSessionId: string, now = new Date()): Promise<LiveSession[]> {
  const sessions = await db().authSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, handle: true, createdAt: true, lastSeenAt: true, ipAddress: true, userAgent: true },
  });
  return sessions
    .map((session) => ({
      handle: session.handle,
      device: deviceLabel(describeDevice(session.userAgent)),
      ipAddress: session.ipAddress,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt ?? session.createdAt,
      current: session.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
}

export const endSessionInput = z.object({ handle: recordId({ missing: "Missing session.", invalid: "Unknown session." }) });

// Signs one of the caller's own sessions out (scoped by user in the query):
// a lost laptop, a shared computer. Ending this browser's own session is
// signing out.
export async function endAuthSession(options: { actor: Actor; input: unknown }): Promise<{ device: string }> {
  const { handle } = endSessionInput.parse(options.input);
  const { actor } = options;
  return db().$transaction(async (tx) => {
    const session = await tx.authSession.findFirst({
      where: { handle, userId: actor.userId, revokedAt: null },
      select: { id: true, ipAddress: true, userAgent: true },
    });
    const { count } = session
      ? await tx.authSession.updateMany({ where: { id: session.id, userId: actor.userId, revokedAt: null }, data: { revokedAt: new Date() } })
      : { count: 0 };
    if (!session || count === 0) throw new AppError("NOT_FOUND", "This session has already ended.");
    const device = deviceLabel(describeDevice(session.userAgent));
    await recordAuditEvent(tx, {
      actor,
      action: "auth.session_ended",
      details: { device, ipAddress: session.ipAddress, thisBrowser: session.id === actor.session?.id },
    });
    return { device };
  });
}

// Ends every live session of the user but the caller's own, in the caller's
// transaction (a second factor taken away: sessions it may have opened end
// with it). Returns how many ended.
export async function endOtherSessions(tx: Prisma.TransactionClient, options: { actor: Actor; now?: Date }): Promise<number> {
  const { count } = await tx.authSession.updateMany({
    where: { userId: options.actor.userId, revokedAt: null, id: { not: options.actor.session?.id ?? "" } },
    data: { revokedAt: options.now ?? new Date() },
  });
  return count;
}
