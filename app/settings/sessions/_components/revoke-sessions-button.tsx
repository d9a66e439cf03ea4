"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { revokeOtherSessionsAction } from "../actions";

export function RevokeSessionsButton({ disabled }: { disabled: boolean }) {
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<string>();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        disabled={disabled || pending}
        onClick={() =>
          startTransition(async () => {
            const result = await revokeOtherSessionsAction();
            setStatus(result.ok ? `Signed out ${result.data.revoked} other session${result.data.revoked === 1 ? "" : "s"}.` : result.message);
          })
        }
      >
        Sign out other sessions
      </Button>
      <p aria-live="polite" className="text-sm text-zinc-600 dark:text-zinc-400">
        {status}
      </p>
    </div>
  );
}
