import { db } from "@/lib/db/client";
import { afterAttempt } from "@/lib/delivery/retry-policy";
import { signPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature";

type Due = { id: string; organizationId: string; payload: unknown; attempts: number };

async function attempt(delivery: Due, endpoint: { url: string; secret: string }): Promise<{ ok: boolean; statusCode?: number; error?: string }> {
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "SecretKeys-Webhook/1",
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signPayload(endpoint.secret, timestamp, body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(5_000),
    });
    await response.arrayBuffer().catch(() => {});
    return { ok: response.status >= 200 && response.status < 300, statusCode: response.status };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.slice(0, 200) : "request failed" };
  }
}

// Sends every delivery that is due, once each. Rows are claimed with SKIP
// LOCKED, so several app instances share the work without double sends.
export async function processDueWebhooks(limit = 20): Promise<number> {
  let processed = 0;
  for (let i = 0; i < limit; i++) {
    const handled = await db().$transaction(
      async (tx) => {
        const [due] = await tx.$queryRaw<Due[]>`
          SELECT "id", "organizationId", "payload", "attempts" FROM "WebhookDelivery"
          WHERE "status" = 'pending' AND "nextAttemptAt" <= now()
          ORDER BY "nextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED`;
        if (!due) return false;
        const endpoint = await tx.webhookEndpoint.findUnique({ where: { organizationId: due.organizationId } });
        const result = endpoint ? await attempt(due, endpoint) : { ok: false, error: "no webhook URL configured" };
        await tx.webhookDelivery.update({
          where: { id: due.id },
          data: {
            ...afterAttempt({ attemptsBefore: due.attempts, ok: result.ok, giveUp: !endpoint, now: new Date() }),
            lastStatusCode: result.statusCode ?? null,
            lastError: result.ok ? null : (result.error ?? `HTTP ${result.statusCode}`),
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
