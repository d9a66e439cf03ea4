import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "./password";
import { signInInput } from "./sign-in-input";
import { SIGN_IN_WINDOW_MS, decideSignInThrottle, describeWait } from "./sign-in-throttle";

export type AuthenticatedUser = { id: string; email: string; name: string };

export const INVALID_CREDENTIALS_MESSAGE = "That email and password do not match an account.";

// Checks credentials with per-account and per-address throttling. Failures
// are stored in the database so every app instance counts the same ones.
// Sign-ins and failed sign-ins of known accounts go to their organization's
// audit log (an unknown email has no organization to log to).
async function recordSignIn(
  user: { id: string; name: string; email: string },
  action: "auth.sign_in" | "auth.sign_in_failed",
  request: { ipAddress: string; userAgent?: string },
): Promise<void> {
  const memberships = await db().membership.findMany({ where: { userId: user.id }, select: { organizationId: true, role: true } });
  for (const membership of memberships) {
    await db().$transaction((tx) =>
      recordAuditEvent(tx, {
        actor: {
          userId: user.id,
          organizationId: membership.organizationId,
          role: membership.role,
          label: `${user.name} <${user.email}>`,
          ipAddress: request.ipAddress,
          userAgent: request.userAgent?.slice(0, 500) ?? null,
        },
        action,
      }),
    );
  }
}

export async function authenticate(options: {
  credentials: unknown;
  ipAddress: string;
  userAgent?: string;
  now?: Date;
}): Promise<AuthenticatedUser> {
  const parsed = signInInput.safeParse(options.credentials);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0].message);
  const { email, password } = parsed.data;
  const now = options.now ?? new Date();

  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [accountFailures, addressFailures] = await Promise.all([
    db().signInFailure.findMany({ where: { email, createdAt: { gt: since } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db().signInFailure.findMany({ where: { ipAddress: options.ipAddress, createdAt: { gt: since } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  const decision = decideSignInThrottle(
    { accountFailures: accountFailures.map((f) => f.createdAt), addressFailures: addressFailures.map((f) => f.createdAt) },
    now,
  );
  if (!decision.allowed) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many failed sign-ins. Try again in ${describeWait(decision.retryAfterSeconds)}.`,
    );
  }

  const user = await db().user.findUnique({ where: { email } });
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    await db().signInFailure.create({ data: { email, ipAddress: options.ipAddress, createdAt: now } });
    if (user) await recordSignIn(user, "auth.sign_in_failed", options);
    throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS_MESSAGE);
  }
  await db().signInFailure.deleteMany({ where: { email } });
  // A removed member keeps their account (for history) but not their access.
  if ((await db().membership.count({ where: { userId: user.id } })) === 0) {
    throw new AppError("FORBIDDEN", "This account is no longer a member of any organization. Ask an owner to add you again.");
  }
  await recordSignIn(user, "auth.sign_in", options);
  return { id: user.id, email: user.email, name: user.name };
}
