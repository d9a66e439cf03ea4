"use client";

import { useState, useTransition, type ReactNode } from "react";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import type { ActionResult } from "@/lib/action-result";

// An on/off organization setting: a labelled switch that saves at once
// through `save`, goes back and says why when the server refuses, and asks
// for the password first when the server wants a recent re-authentication
// (so it needs the ReauthProvider of app/settings/layout.tsx).
export function SettingSwitch({
  title,
  description,
  enabled,
  canManage,
  disabled = false,
  save,
  className = "flex flex-col gap-2",
}: {
  title: string;
  description: ReactNode;
  enabled: boolean;
  canManage: boolean;
  // Besides a role that cannot manage it (a note says so), e.g. a
  // precondition the description explains.
  disabled?: boolean;
  save: (enabled: boolean) => Promise<ActionResult<unknown>>;
  className?: string;
}) {
  const [pending, startTransition] = useTransition();
  const runSensitive = useRunSensitive();
  const [message, setMessage] = useState<string>();
  const [checked, setChecked] = useState(enabled);
  return (
    <div className={className}>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={!canManage || disabled || pending}
          onChange={(event) => {
            const next = event.target.checked;
            setChecked(next);
            startTransition(async () => {
              const result = await runSensitive(() => save(next));
              setMessage(result.ok ? undefined : result.message);
              if (!result.ok) setChecked(!next);
            });
          }}
          className="mt-0.5 size-4 accent-indigo-600"
        />
        <span>
          <span className="font-medium">{title}</span>
          <span className="block text-zinc-600 dark:text-zinc-400">{description}</span>
          {!canManage && <span className="block text-zinc-500 dark:text-zinc-400">Only an owner can change this.</span>}
        </span>
      </label>
      <p aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
        {message}
      </p>
    </div>
  );
}
