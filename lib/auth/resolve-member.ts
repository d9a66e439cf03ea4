import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db/client";

export type Member = {
  sessionId: string;
  // When this session last proved its user again (dangerous actions need it).
  reauthenticatedAt: Date | null;
  userId: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  // The organization requires two-factor sign-in and this user has no
  // second factor yet: they may enrol one and nothing else.
  mustEnrolTwoFactor: boolean;
  hasAuthenticatorApp: boolean;
  hasPasskey: boolean;
  // False for an account that signs in only with SSO (or a passkey).
  hasPassword: boolean;
};

export const LAST_SEEN_RESOLUTION_MS = 60_000;

// "Last seen" on the sessions page: written at most once a minute per
// session, and only by a request that finds it stale (the condition in the
// update keeps concurrent requests from writing it twice).
async function touchSession(sessionId: string, lastSeenAt: Date | null, now: Date): Promise<void> {
  const staleBefore = new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS);
  if (lastSeenAt && lastSeenAt > staleBefore) return;
  await db().authSession.updateMany({
    where: { id: sessionId, OR: [{ lastSeenAt: null }, { lastSeenAt: { lte: staleBefore } }] },
    data: { lastSeenAt: now },
  });
}

// The caller behind a session id: only a live (not revoked, not expired)
// session of a user with a membership resolves. The organization always
// comes from here, never from request input.
export async function resolveMember(sessionId: string, now = new Date()): Promise<Member | null> {
  const session = await db().authSession.findFirst({
    where: { id: sessionId, revokedAt: null, expiresAt: { gt: now } },
    select: {
      createdAt: true,
      lastSeenAt: true,
      reauthenticatedAt: true,
      signInMethod: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          authenticatorApp: { select: { confirmedAt: true } },
          _count: { select: { passkeys: true } },
          passwordHash: true,
          memberships: {
            orderBy: { createdAt: "asc" },
            take: 1,
            select: { role: true, createdAt: true, organization: { select: { id: true, name: true, requireTwoFactor: true } } },
          },
        },
      },
    },
  });
  const membership = session?.user.memberships[0];
  if (!session || !membership) return null;
  // A session from before the membership (an account removed, then added
  // back) belongs to the old membership and ends with it.
  if (session.createdAt < membership.createdAt) return null;
  await touchSession(sessionId, session.lastSeenAt, now);
  return {
    sessionId,
    reauthenticatedAt: session.reauthenticatedAt,
    userId: session.user.id,
    email: session.user.email,
    name: session.user.name,
    role: membership.role,
    organizationId: membership.organization.id,
    organizationName: membership.organization.name,
    // An SSO session's second factor is the identity provider's business:
    // requiring two-factor sign-in applies to password sessions.
    mustEnrolTwoFactor:
      session.signInMethod !== "sso" &&
      membership.organization.requireTwoFactor &&
      !session.user.authenticatorApp?.confirmedAt &&
      session.user._count.passkeys === 0,
    hasAuthenticatorApp: Boolean(session.user.authenticatorApp?.confirmedAt),
    hasPasskey: session.user._count.passkeys > 0,
    hasPassword: session.user.passwordHash !== null,
  };
}
