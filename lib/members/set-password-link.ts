import type { Actor } from "@/lib/auth/actor";
import { issuePasswordToken, PASSWORD_TOKEN_LIFETIME_MS } from "@/lib/auth/password-tokens";
import { absoluteUrl } from "@/lib/config/app-url";
import { enqueueEmails } from "@/lib/email/enqueue-emails";
import { sealEmailBody } from "@/lib/email/sealed-body";
import { smtpConfig } from "@/lib/email/smtp-config";
import type { Prisma } from "@/lib/generated/prisma/client";

// How the new member gets their link: emailed to them when this server
// sends email, or shown once to the owner to pass on (never both, and the
// link is never stored in clear).
export type PasswordLinkDelivery = { via: "email"; emailedTo: string } | { via: "link"; link: string };

// The link's token rides in the fragment (#…): browsers send neither it
// nor the Referer with it to any server, so no access log keeps it.
export function setPasswordUrl(token: string): string {
  return `${absoluteUrl("/set-password")}#${token}`;
}

// Issues a set-password link for the member (the previous unused one dies),
// in the caller's transaction, and hands it over.
export async function deliverSetPasswordLink(
  tx: Prisma.TransactionClient,
  options: { actor: Actor; user: { id: string; email: string; name: string }; organizationName: string; now: Date },
): Promise<PasswordLinkDelivery> {
  const { actor, user, now } = options;
  const { token } = await issuePasswordToken(tx, { userId: user.id, organizationId: actor.organizationId, purpose: "SET_PASSWORD", now });
  const link = setPasswordUrl(token);
  if (!smtpConfig()) return { via: "link", link };
  const hours = PASSWORD_TOKEN_LIFETIME_MS.SET_PASSWORD / 3_600_000;
  await enqueueEmails(tx, {
    organizationId: actor.organizationId,
    to: [user.email],
    subject: `[Secret Keys] Choose your password for ${options.organizationName}`,
    body: sealEmailBody(
      `Hello ${user.name},\n\n${actor.label} added you to ${options.organizationName} on Secret Keys.\n` +
        `Choose your password here (the link works once, for ${hours} hours):\n\n${link}\n\n` +
        `If you did not expect this, ignore this email; nothing happens without the link.\n`,
    ),
  });
  return { via: "email", emailedTo: user.email };
}
