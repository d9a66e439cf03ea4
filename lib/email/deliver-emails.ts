import { createTransport, type Transporter } from "nodemailer";
import { db } from "@/lib/db/client";
import { afterAttempt } from "@/lib/delivery/retry-policy";
import { isSealedEmailBody, openEmailBody, SEALED_BODY_REMOVED } from "./sealed-body";
import { smtpConfig, type SmtpConfig } from "./smtp-config";

type Due = { id: string; toAddress: string; subject: string; body: string; attempts: number };

let transport: { url: string; transporter: Transporter } | undefined;
function transporterFor(config: SmtpConfig): Transporter {
  if (transport?.url !== config.url) {
    transport?.transporter.close();
    transport = { url: config.url, transporter: createTransport(config.url, { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 }) };
  }
  return transport.transporter;
}

// The SMTP error without anything from the URL (it may hold a password).
function describeError(error: unknown, config: SmtpConfig): string {
  const message = error instanceof Error ? error.message : "sending failed";
  return message.split(config.url).join("SMTP_URL").slice(0, 200);
}

// One email through the SMTP server now; the outcome, never a throw.
export async function sendEmail(email: { toAddress: string; subject: string; body: string }, config: SmtpConfig): Promise<{ ok: boolean; error?: string }> {
  try {
    await transporterFor(config).sendMail({ from: config.from, to: email.toAddress, subject: email.subject, text: email.body });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describeError(error, config) };
  }
}

function readableBody(body: string): string | null {
  try {
    return openEmailBody(body);
  } catch {
    return null;
  }
}

// Sends every email that is due, once each; claimed with SKIP LOCKED so app
// instances sharing the database never send one twice.
export async function processDueEmails(limit = 20): Promise<number> {
  const config = smtpConfig();
  let processed = 0;
  for (let i = 0; i < limit; i++) {
    const handled = await db().$transaction(
      async (tx) => {
        const [due] = await tx.$queryRaw<Due[]>`
          SELECT "id", "toAddress", "subject", "body", "attempts" FROM "EmailDelivery"
          WHERE "status" = 'pending' AND "nextAttemptAt" <= now()
          ORDER BY "nextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
        if (!due) return false;
        const body = readableBody(due.body);
        const result = !config
          ? { ok: false, error: "SMTP is no longer configured" }
          : body === null
            ? { ok: false, error: "its one-time link can no longer be read (NEXTAUTH_SECRET changed)" }
            : await sendEmail({ ...due, body }, config);
        const outcome = afterAttempt({ attemptsBefore: due.attempts, ok: result.ok, giveUp: !config || body === null, now: new Date() });
        // A one-time link leaves the queue with its last attempt.
        const settled = outcome.status !== "pending" && isSealedEmailBody(due.body);
        await tx.emailDelivery.update({
          where: { id: due.id },
          data: { ...outcome, lastError: result.ok ? null : result.error, ...(settled ? { body: SEALED_BODY_REMOVED } : {}) },
        });
        return true;
      },
      { timeout: 30_000 },
    );
    if (!handled) break;
    processed++;
  }
  return processed;
}
