"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { endSessionAction } from "../actions";

// Signs one session out; ending this browser's own leads to sign-in.
export function EndSessionButton({ handle, device, current }: { handle: string; device: string; current: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        aria-label={current ? "Sign out this browser" : `Sign out ${device}`}
        onClick={() =>
          startTransition(async () => {
            const result = await endSessionAction({ handle });
            if (!result.ok) return setMessage(result.message);
            if (current) router.replace("/signin");
            router.refresh();
          })
        }
      >
        {pending ? "Signing out…" : "Sign out"}
      </Button>
      {message && (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {message}
        </p>
      )}
    </div>
  );
}
