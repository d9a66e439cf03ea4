"use client";

import { useState, useTransition } from "react";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import type { ActionResult } from "@/lib/action-result";

// An organization setting as a switch: flips at once, calls the action
// (asking for re-authentication if the server wants it) and flips back with
// the server's message when refused.
export function SettingSwitch({
  label,
  enabled,
  canManage,
  onChange,
  children,
  className,
  disabled = false,
}: {
  label: string;
  enabled: boolean;
  canManage: boolean;
  // Besides a role that cannot manage it (a note says so), e.g. a
  // precondition the description explains.
  disabled?: boolean;
  onChange: (enabled: boolean) => Promise<ActionResult<unknown>>;
  children: React.ReactNode;
  className?: string;
}) {
  const runSensitive = useRunSensitive();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();
  const [checked, setChecked] = useState(enabled);
  return (
    <div className={`flex flex-col gap-2 ${className ?? ""}`}>
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
              const result = await runSensitive(() => onChange(next));
              setMessage(result.ok ? undefined : result.message);
              if (!result.ok) setChecked(!next);
            });
          }}
          className="mt-0.5 size-4 accent-indigo-600"
        />
        <span>
          <span className="font-medium">{label}</span>
          <span className="block text-zinc-600 dark:text-zinc-400">{children}</span>
          {!canManage && <span className="block text-zinc-500 dark:text-zinc-400">Only an owner can change this.</span>}
        </span>
      </label>
      <p aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
        {message}
      </p>
    </div>
  );
}
