import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

// With whilePasswordHash, the session is made only if the account still has
// that password, in one statement: a sign-in checked against a password
// that was changed meanwhile (an owner setting a new first password for a
// member taken back) gets nothing.
export async function createAuthSession(options: {
  userId: string;
  ipAddress?: string;
  userAgent?: string;
  whilePasswordHash?: string;
}): Promise<{ sessionId: string }> {
  const sessionId = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  const userAgent = options.userAgent?.slice(0, 500) ?? null;
  if (options.whilePasswordHash === undefined) {
    await db().authSession.create({ data: { id: sessionId, userId: options.userId, expiresAt, ipAddress: options.ipAddress, userAgent } });
    return { sessionId };
  }
  const created = await db().$executeRaw`
    INSERT INTO "AuthSession" ("id", "userId", "createdAt", "expiresAt", "ipAddress", "userAgent")
    SELECT ${sessionId}, u."id", ${new Date()}, ${expiresAt}, ${options.ipAddress ?? null}, ${userAgent}
    FROM "User" u WHERE u."id" = ${options.userId} AND u."passwordHash" = ${options.whilePasswordHash}`;
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
export async function revokeOtherAuthSessions(options: { actor: Actor; keepSessionId: string }): Promise<number> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.authSession.updateMany({
      where: { userId: options.actor.userId, revokedAt: null, id: { not: options.keepSessionId } },
      data: { revokedAt: new Date() },
    });
    if (count > 0) await recordAuditEvent(tx, { actor: options.actor, action: "auth.sessions_revoked", details: { sessions: count } });
    return count;
  });
}

export async function listLiveAuthSessions(userId: string) {
  return db().authSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, expiresAt: true, ipAddress: true, userAgent: true },
  });
}
