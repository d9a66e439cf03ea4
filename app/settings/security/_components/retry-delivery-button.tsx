"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { retryWebhookDeliveryAction } from "../actions";

// Queues a failed delivery again; the list refreshes with its new state.
export function RetryDeliveryButton({ deliveryId, event }: { deliveryId: string; event: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <>
      <Button
        variant="ghost"
        disabled={pending}
        aria-label={`Retry ${event}`}
        onClick={() =>
          startTransition(async () => {
            const result = await retryWebhookDeliveryAction({ deliveryId });
            setError(result.ok ? undefined : result.message);
          })
        }
      >
        {pending ? "Retrying…" : "Retry"}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </>
  );
}
