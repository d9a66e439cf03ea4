import { recordAuditEvent } from "@/lib/audit/record-event";
import { createAuthSession } from "@/lib/auth/auth-sessions";
import { recordSignIn } from "@/lib/auth/record-sign-in";
import { db } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { parseSsoClaims, type SsoIdentity } from "./sso-claims";
import { SSO_REFUSAL_MESSAGES, type SsoRefusal } from "./sso-refusals";

// An SSO sign-in refused for a reason the sign-in page explains.
export class SsoRefusedError extends AppError {
  constructor(readonly reason: SsoRefusal) {
    super("FORBIDDEN", SSO_REFUSAL_MESSAGES[reason]);
    this.name = "SsoRefusedError";
  }
}

type Request = { ipAddress: string; userAgent?: string };
type Account = { id: string; email: string; name: string; memberships: number };

async function findAccount(email: string): Promise<Account | null> {
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, _count: { select: { memberships: true } } },
  });
  return user && { id: user.id, email: user.email, name: user.name, memberships: user._count.memberships };
}

// One installation serves one organization, the one first-run setup made
// (the oldest). A stranger joins it only if its owners turned joining on.
async function joinJustInTime(identity: SsoIdentity, role: Role, request: Request): Promise<Account> {
  return db().$transaction(async (tx) => {
    const organization = await tx.organization.findFirst({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, ssoPolicy: { select: { justInTime: true } } },
    });
    if (!organization?.ssoPolicy?.justInTime) throw new SsoRefusedError("no-account");
    // No password: this account signs in with SSO only (an owner can send a
    // set-password link later, as for any member).
    const user = await tx.user.create({
      data: { email: identity.email, name: identity.name, passwordHash: null, memberships: { create: { organizationId: organization.id, role } } },
      select: { id: true, email: true, name: true },
    });
    await recordAuditEvent(tx, {
      actor: {
        userId: user.id,
        organizationId: organization.id,
        role,
        label: `${user.name} <${user.email}>`,
        ipAddress: request.ipAddress,
        userAgent: request.userAgent?.slice(0, 500) ?? null,
      },
      action: "member.joined_sso",
      details: { email: user.email, name: user.name, role },
    });
    return { ...user, memberships: 1 };
  });
}

// Signs in the person an id_token names (next-auth has checked the token
// itself): matched to an account by verified email only, refused when that
// account is no longer a member, joined to the organization when unknown and
// joining is on. Makes the server-side session like a password sign-in does
// and records auth.sign_in with method "sso". A TOTP second factor does not
// apply here: the identity provider handles its own.
export async function signInWithSso(options: {
  claims: unknown;
  defaultRole: Role;
  ipAddress: string;
  userAgent?: string;
}): Promise<{ userId: string; sessionId: string }> {
  const request = { ipAddress: options.ipAddress, userAgent: options.userAgent };
  const parsed = parseSsoClaims(options.claims);
  if ("refusal" in parsed) {
    // Someone asserting an address they have not proved is worth a line in
    // that account's log (only when the account exists, like password failures).
    const email = typeof (options.claims as { email?: unknown })?.email === "string" ? (options.claims as { email: string }).email.trim().toLowerCase() : null;
    const known = parsed.refusal === "unverified" && email ? await findAccount(email) : null;
    if (known) await recordSignIn(known, "auth.sign_in_failed", request, { method: "sso", reason: "email not verified" });
    throw new SsoRefusedError(parsed.refusal);
  }
  const { identity } = parsed;
  let account = await findAccount(identity.email);
  if (!account) {
    try {
      account = await joinJustInTime(identity, options.defaultRole, request);
    } catch (error) {
      // Two first sign-ins of the same person at once: the other one made the account.
      if (!isUniqueViolation(error)) throw error;
      account = await findAccount(identity.email);
      if (!account) throw error;
    }
  }
  // A removed member keeps their account (for history) but not their access,
  // and joining with SSO does not bring them back: only an owner can.
  if (account.memberships === 0) throw new SsoRefusedError("removed");
  const { sessionId } = await createAuthSession({ userId: account.id, ...request, proof: { method: "sso" } });
  await recordSignIn(account, "auth.sign_in", request, { method: "sso" });
  return { userId: account.id, sessionId };
}
