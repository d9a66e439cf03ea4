import type { Prisma } from "@/lib/generated/prisma/client";
import { smtpConfig } from "./smtp-config";

type Email = { organizationId: string; incidentId?: string; to: readonly string[]; subject: string; body: string };

// Queues one email per recipient in the caller's transaction, so the emails
// exist exactly when the change they announce commits; 0 when SMTP is off.
export async function enqueueEmails(tx: Prisma.TransactionClient, email: Email): Promise<number> {
  if (!smtpConfig() || email.to.length === 0) return 0;
  const subject = email.subject.replace(/[\r\n]+/g, " ");
  await tx.emailDelivery.createMany({
    data: email.to.map((toAddress) => ({ organizationId: email.organizationId, incidentId: email.incidentId ?? null, toAddress, subject, body: email.body })),
  });
  return email.to.length;
}
