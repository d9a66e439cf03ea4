import { db } from "@/lib/db/client";
import { afterAttempt } from "@/lib/delivery/retry-policy";
import { attemptRecord, type AttemptRecord } from "./delivery-outcome";
import { postWebhook } from "./post-webhook";
import { webhookAllowsPrivate } from "./webhook-destination";
import { webhookHeaders } from "./webhook-headers";

type Due = { id: string; organizationId: string; messageId: string; payload: unknown; attempts: number };

async function attempt(delivery: Due, endpoint: { url: string; secret: string; legacySignature: boolean }): Promise<AttemptRecord> {
  const body = JSON.stringify(delivery.payload);
  const outcome = await postWebhook({
    url: endpoint.url,
    headers: webhookHeaders({
      secret: endpoint.secret,
      legacySignature: endpoint.legacySignature,
      messageId: delivery.messageId,
      timestamp: Math.floor(Date.now() / 1000),
      body,
    }),
    body,
    timeoutMs: 5_000,
    allowPrivate: webhookAllowsPrivate(),
  });
  return attemptRecord(outcome);
}

const NO_ENDPOINT: AttemptRecord = { ok: false, giveUp: true, statusCode: null, error: "no webhook URL configured" };

// Sends every delivery that is due, once each. Rows are claimed with SKIP
// LOCKED, so several app instances share the work without double sends.
// onlyId: the one delivery to send now (the owner's test event), leaving the
// queue to the worker. Should the worker have claimed it first, this waits
// for that attempt (no SKIP LOCKED) and then sends nothing more, so the
// owner is told how the attempt went, not that it has not happened yet.
export async function processDueWebhooks(limit = 20, onlyId?: string): Promise<number> {
  let processed = 0;
  for (let i = 0; i < limit; i++) {
    const handled = await db().$transaction(
      async (tx) => {
        const [due] = onlyId
          ? await tx.$queryRaw<Due[]>`
              SELECT "id", "organizationId", "messageId", "payload", "attempts" FROM "WebhookDelivery"
              WHERE "id" = ${onlyId} AND "status" = 'pending' AND "attempts" = 0 FOR UPDATE`
          : await tx.$queryRaw<Due[]>`
              SELECT "id", "organizationId", "messageId", "payload", "attempts" FROM "WebhookDelivery"
              WHERE "status" = 'pending' AND "nextAttemptAt" <= now()
              ORDER BY "nextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
        if (!due) return false;
        const endpoint = await tx.webhookEndpoint.findUnique({ where: { organizationId: due.organizationId } });
        const result = endpoint ? await attempt(due, endpoint) : NO_ENDPOINT;
        await tx.webhookDelivery.update({
          where: { id: due.id },
          data: {
            ...afterAttempt({ attemptsBefore: due.attempts, ok: result.ok, giveUp: result.giveUp, now: new Date() }),
            lastStatusCode: result.statusCode,
            lastError: result.error,
          },
        });
        return true;
      },
      { timeout: 15_000 },
    );
    if (!handled) break;
    processed++;
  }
  return processed;
}
