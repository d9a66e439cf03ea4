"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Badge } from "@/components/ui/badge";

export type DeliveryRow = { id: string; channel: "webhook" | "email"; target: string; status: string; attempts: number; lastError: string | null };

const TONE = { delivered: "green", failed: "red", pending: "amber" } as const;
const REFRESH_MS = 2_000;

// Where each webhook and email of the incident stands; refreshes itself while
// any is still being tried.
export function DeliveryStatus({ deliveries }: { deliveries: DeliveryRow[] }) {
  const router = useRouter();
  const pending = deliveries.some((d) => d.status === "pending");
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [pending, router]);
  if (deliveries.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-col gap-1" aria-label="Deliveries" aria-live="polite">
      {deliveries.map((d) => (
        <li key={d.id} className="flex flex-wrap items-center gap-2" data-testid="delivery">
          <Badge tone={TONE[d.status as keyof typeof TONE] ?? "neutral"}>{d.status}</Badge>
          <span>
            {d.channel === "webhook" ? `Webhook ${d.target}` : `Email to ${d.target}`}, {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
          </span>
          {d.lastError && d.status !== "delivered" && <span className="text-xs text-zinc-500 dark:text-zinc-400">Last error: {d.lastError}</span>}
        </li>
      ))}
    </ul>
  );
}
