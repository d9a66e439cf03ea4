"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { FormAlert } from "@/components/ui/form-alert";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from "@/lib/webhooks/webhook-events";
import { setWebhookEventsAction } from "../actions";

// Which events the webhook is sent; saving keeps the URL and secret.
export function WebhookEvents({ events }: { events: string[] }) {
  const [pending, startTransition] = useTransition();
  const runSensitive = useRunSensitive();
  const [message, setMessage] = useState<string>();
  const [saved, setSaved] = useState<string>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = new FormData(event.currentTarget).getAll("events").map(String);
    startTransition(async () => {
      const result = await runSensitive(() => setWebhookEventsAction({ events: chosen }));
      if (!result.ok) return setMessage(result.message);
      setMessage(undefined);
      setSaved(result.data.events.length ? `Saved: ${result.data.events.length} events.` : "Saved: no events, the webhook is paused.");
    });
  }

  return (
    <form onSubmit={submit} className="mt-4 flex flex-col gap-3">
      <FormAlert message={message} />
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium">Events to send</legend>
        <div className="grid gap-1.5 sm:grid-cols-2">
          {WEBHOOK_EVENTS.map((name) => (
            <label key={name} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="events" value={name} defaultChecked={events.includes(name)} className="mt-0.5 size-4 accent-indigo-600" />
              <span>
                {WEBHOOK_EVENT_LABELS[name]} <code className="text-xs text-zinc-500 dark:text-zinc-400">{name}</code>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          Save events
        </Button>
        <p role="status" className="text-sm">
          {saved}
        </p>
      </div>
    </form>
  );
}
