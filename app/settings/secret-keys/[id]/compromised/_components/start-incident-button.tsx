"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { openIncidentAction } from "../actions";

export function StartIncidentButton({ keyId }: { keyId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const runSensitive = useRunSensitive();
  const [message, setMessage] = useState<string>();
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="danger"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await runSensitive(() => openIncidentAction(keyId));
            if (!result.ok) return setMessage(result.message);
            router.refresh();
          })
        }
      >
        {pending ? "Starting…" : "Start the response"}
      </Button>
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {message}
      </p>
    </div>
  );
}
