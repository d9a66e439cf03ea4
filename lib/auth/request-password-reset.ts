import { recordAuditEvent } from "@/lib/audit/record-event";
import { absoluteUrl } from "@/lib/config/app-url";
import { db } from "@/lib/db/client";
import { enqueueEmails } from "@/lib/email/enqueue-emails";
import { sealEmailBody } from "@/lib/email/sealed-body";
import { smtpConfig } from "@/lib/email/smtp-config";
import { AppError, RateLimitedError } from "@/lib/errors";
import { addressGroup } from "@/lib/net/address-group";
import { issuePasswordToken, PASSWORD_TOKEN_LIFETIME_MS } from "./password-tokens";
import { holdUntilFloor } from "./refusal-floor";
import { forgotPasswordInput } from "./forgot-password-input";
import { describeWait } from "./sign-in-throttle";

export const RESET_REQUESTED_MESSAGE =
  "If an account uses this email, a link to choose a new password is on its way. It works once, for 30 minutes. Check your inbox.";
export const RESET_LIMITS = { perEmail: 3, perAddress: 10, windowMs: 60 * 60 * 1000 } as const;
export const RESET_FLOOR_MS = 500;

export function resetPasswordUrl(token: string): string {
  return `${absoluteUrl("/reset-password")}#${token}`;
}

// How long until the oldest of `limit` counted requests leaves the window.
function waitSeconds(times: Date[], limit: number, now: Date): number | null {
  if (times.length < limit) return null;
  const oldest = [...times].sort((a, b) => b.getTime() - a.getTime())[limit - 1];
  return Math.max(1, Math.ceil((oldest.getTime() + RESET_LIMITS.windowMs - now.getTime()) / 1000));
}

// "Forgot password?": emails a reset link (30 minutes, once) to the account
// with this email, if there is one with a membership. The answer is the same
// either way, and takes the same time: the request is counted first (per
// email and per address, known or not), and every answer waits until a
// common floor. Recorded in the account's organization's audit log.
export async function requestPasswordReset(options: {
  input: unknown;
  ipAddress: string;
  userAgent?: string | null;
  now?: Date;
  floorMs?: number;
}): Promise<{ message: string }> {
  if (!smtpConfig()) throw new AppError("CONFLICT", "This server does not send email, so it cannot send reset links. Ask an owner of your organization.");
  const { email } = forgotPasswordInput.parse(options.input);
  const startedAt = Date.now();
  const now = options.now ?? new Date();
  const ipAddress = addressGroup(options.ipAddress);
  const windowStart = new Date(now.getTime() - RESET_LIMITS.windowMs);

  // Counted before anything else, like sign-in attempts: concurrent requests
  // see each other. Refused ones take their row back out.
  const { id } = await db().passwordResetRequest.create({ data: { email, ipAddress, createdAt: now }, select: { id: true } });
  const others = await db().passwordResetRequest.findMany({
    where: { OR: [{ email }, { ipAddress }], createdAt: { gt: windowStart }, id: { not: id } },
    select: { email: true, ipAddress: true, createdAt: true },
  });
  const wait = Math.max(
    waitSeconds(
      others.filter((row) => row.email === email).map((row) => row.createdAt),
      RESET_LIMITS.perEmail,
      now,
    ) ?? 0,
    waitSeconds(
      others.filter((row) => row.ipAddress === ipAddress).map((row) => row.createdAt),
      RESET_LIMITS.perAddress,
      now,
    ) ?? 0,
  );
  if (wait > 0) {
    await db().passwordResetRequest.deleteMany({ where: { id } });
    await holdUntilFloor(startedAt, options.floorMs ?? RESET_FLOOR_MS);
    throw new RateLimitedError(`Too many reset requests. Try again in ${describeWait(wait)}.`, wait);
  }

  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, memberships: { orderBy: { createdAt: "asc" }, take: 1, select: { organizationId: true, role: true } } },
  });
  const membership = user?.memberships[0];
  if (user && membership) {
    await db().$transaction(async (tx) => {
      const { token } = await issuePasswordToken(tx, { userId: user.id, organizationId: membership.organizationId, purpose: "RESET_PASSWORD", now });
      const minutes = PASSWORD_TOKEN_LIFETIME_MS.RESET_PASSWORD / 60_000;
      await enqueueEmails(tx, {
        organizationId: membership.organizationId,
        to: [user.email],
        subject: "[Secret Keys] Choose a new password",
        body: sealEmailBody(
          `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset the password of your Secret Keys account.\n` +
            `Choose a new one here (the link works once, for ${minutes} minutes; using it signs every browser out):\n\n${resetPasswordUrl(token)}\n\n` +
            `If it was not you, ignore this email: your password stays as it is.\n`,
        ),
      });
      await recordAuditEvent(tx, {
        actor: {
          userId: user.id,
          organizationId: membership.organizationId,
          role: membership.role,
          label: `${user.name} <${user.email}>`,
          ipAddress: options.ipAddress,
          userAgent: options.userAgent?.slice(0, 500) ?? null,
        },
        action: "auth.password_reset_requested",
      });
    });
  }
  await db().passwordResetRequest.deleteMany({ where: { OR: [{ email }, { ipAddress }], createdAt: { lt: windowStart } } });
  await holdUntilFloor(startedAt, options.floorMs ?? RESET_FLOOR_MS);
  return { message: RESET_REQUESTED_MESSAGE };
}
