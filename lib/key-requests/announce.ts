import type { Prisma } from "@/lib/generated/prisma/client";
import { absoluteUrl } from "@/lib/config/app-url";
import { enqueueEmails } from "@/lib/email/enqueue-emails";
import { notifyUsers } from "@/lib/notifications/notify-members";
import type { WebhookEvent } from "@/lib/webhooks/webhook-events";
import { enqueueWebhook } from "@/lib/webhooks/webhook-endpoint";

export const REQUESTS_PAGE = "/settings/key-requests";

type RequestSummary = { id: string; kind: string; name: string; environment: string };

export function requestForEvent(request: RequestSummary) {
  return { id: request.id, kind: request.kind.toLowerCase(), name: request.name, environment: request.environment.toLowerCase() };
}

// Tells the people concerned, in the app and by email when SMTP is set, and
// sends the organization's webhook; all in the caller's transaction.
export async function announce(
  tx: Prisma.TransactionClient,
  options: {
    organizationId: string;
    requestId: string;
    to: { userId: string; email: string }[];
    title: string;
    body: string;
    event: WebhookEvent;
    data: Prisma.InputJsonObject;
  },
): Promise<void> {
  const link = `${REQUESTS_PAGE}#request-${options.requestId}`;
  await notifyUsers(tx, { organizationId: options.organizationId, userIds: options.to.map((p) => p.userId), title: options.title, body: options.body, link });
  await enqueueEmails(tx, {
    organizationId: options.organizationId,
    to: options.to.map((p) => p.email),
    subject: `[Secret Keys] ${options.title}`,
    body: `${options.body}\n\nKey requests: ${absoluteUrl(REQUESTS_PAGE)}\n`,
  });
  await enqueueWebhook(tx, { organizationId: options.organizationId, event: options.event, data: options.data });
}
