"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { verifyAuditChainAction } from "../actions";

export function VerifyChainButton() {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const answer = await verifyAuditChainAction();
            if (!answer.ok) return setResult({ ok: false, text: answer.message });
            const verdict = answer.data;
            setResult(
              verdict.ok
                ? { ok: true, text: `Integrity verified: all ${verdict.events.toLocaleString("en")} events are intact, in order and sealed.` }
                : { ok: false, text: `Integrity check failed. ${verdict.reason}${verdict.brokenEventId ? ` (event id ${verdict.brokenEventId})` : ""}` },
            );
          })
        }
      >
        {pending ? "Verifying…" : "Verify integrity"}
      </Button>
      <p role="status" className={`text-sm ${result?.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}>
        {result?.text}
      </p>
    </div>
  );
}
