"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { PasswordLinkDelivery } from "@/lib/members/set-password-link";

// Where a new member's set-password link went: emailed to them, or shown
// here once for the owner to pass on (it is not kept anywhere to show again).
export function PasswordLinkNotice({ name, delivery }: { name: string; delivery: PasswordLinkDelivery }) {
  const [copied, setCopied] = useState(false);
  if (delivery.via === "email") {
    return (
      <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
        {name} was emailed a link to choose their password ({delivery.emailedTo}). It works once, for 24 hours.
      </p>
    );
  }
  return (
    <div role="status" className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
      <p>
        This server does not send email. Give {name} this link to choose their password, in person or through your password manager. It works once, for 24
        hours, and is shown only now.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          readOnly
          aria-label={`Set-password link for ${name}`}
          value={delivery.link}
          data-testid="set-password-link"
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
        />
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(delivery.link).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy link"}
        </Button>
      </div>
    </div>
  );
}
