import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import type { Actor } from "./actor";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export async function createAuthSession(options: { userId: string; ipAddress?: string; userAgent?: string }): Promise<{ sessionId: string }> {
  const sessionId = randomBytes(24).toString("base64url");
  await db().authSession.create({
    data: {
      id: sessionId,
      userId: options.userId,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
      ipAddress: options.ipAddress,
      userAgent: options.userAgent?.slice(0, 500),
    },
  });
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
