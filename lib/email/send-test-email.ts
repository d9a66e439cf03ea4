import { assertCan, type Actor } from "@/lib/auth/actor";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { absoluteUrl } from "@/lib/config/app-url";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { sendEmail } from "./deliver-emails";
import { smtpConfig } from "./smtp-config";

// Sends a test email to the caller now (owners only), so a broken SMTP
// setting shows up before an incident needs it.
export async function sendTestEmail(options: { actor: Actor }): Promise<{ to: string; ok: boolean; error: string | null }> {
  assertCan(options.actor, "settings.manage");
  const config = smtpConfig();
  if (!config) throw new AppError("CONFLICT", "Email is off on this server: set SMTP_URL and SMTP_FROM, then restart it.");
  assertReauthenticated(options.actor, "email.test");
  const { email } = await db().user.findUniqueOrThrow({ where: { id: options.actor.userId }, select: { email: true } });
  const result = await sendEmail(
    {
      toAddress: email,
      subject: "[Secret Keys] Test email",
      body: `This is a test from Secret Keys (${absoluteUrl("/settings/security")}). Incident notifications will reach you the same way.\n`,
    },
    config,
  );
  return { to: email, ok: result.ok, error: result.ok ? null : (result.error ?? "sending failed") };
}
