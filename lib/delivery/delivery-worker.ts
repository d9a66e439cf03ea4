import { processDueEmails } from "@/lib/email/deliver-emails";
import { processDueWebhooks } from "@/lib/webhooks/deliver-webhooks";

// Polls for due webhooks and emails until stopped (one per app instance).
export function startDeliveryWorker(options: { intervalMs?: number; log?: (message: string) => void } = {}): { stop(): void } {
  let running = false;
  const report = (what: string) => (error: unknown) => options.log?.(`${what} delivery failed: ${error instanceof Error ? error.message : String(error)}`);
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    Promise.all([processDueWebhooks().catch(report("Webhook")), processDueEmails().catch(report("Email"))]).finally(() => (running = false));
  }, options.intervalMs ?? 1_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
