"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { sendDigestNowAction } from "../actions";

export function SendDigestButton() {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string }>();
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await sendDigestNowAction();
            setMessage(
              result.ok
                ? { tone: "ok", text: `Sent to ${result.data.recipients} ${result.data.recipients === 1 ? "person" : "people"}.` }
                : { tone: "error", text: result.message },
            );
          })
        }
      >
        {pending ? "Sending…" : "Send the digest now"}
      </Button>
      <p aria-live="polite" className={`text-sm ${message?.tone === "error" ? "text-red-600 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}>
        {message?.text}
      </p>
    </div>
  );
}
