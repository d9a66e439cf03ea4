"use client";

import { useId, useState, useTransition } from "react";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import type { ActionResult } from "@/lib/action-result";

const UNKNOWN_OUTCOME = "No answer from the server: the change may not have been saved. Reload the page to see the setting as it is.";

// An organization setting as a switch: flips at once, calls the action
// (asking for re-authentication if the server wants it), then says "Saved."
// once the server has it, or flips back with the server's message when
// refused. Until then a flip does nothing, so a second cannot race; the
// switch says so (aria-disabled) but stays focusable, so a keyboard user
// keeps their place.
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
  const [outcome, setOutcome] = useState<{ saved: true } | { saved: false; message: string }>();
  const [checked, setChecked] = useState(enabled);
  const statusId = useId();
  const status = pending ? "Saving…" : outcome?.saved ? "Saved." : outcome?.message;
  const statusTone = outcome && !outcome.saved && !pending ? "text-red-600 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400";
  return (
    <div className={`flex flex-col gap-2 ${className ?? ""}`}>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          role="switch"
          checked={checked}
          aria-describedby={statusId}
          disabled={!canManage || disabled}
          aria-disabled={pending || undefined}
          onChange={(event) => {
            if (pending) return;
            const next = event.target.checked;
            setChecked(next);
            setOutcome(undefined);
            startTransition(async () => {
              // A request that never got its answer (the network, a restart)
              // may or may not have been saved: said so, rather than the
              // page giving way to an error.
              const result = await runSensitive(() => onChange(next)).catch(() => ({ ok: false as const, message: UNKNOWN_OUTCOME }));
              setOutcome(result.ok ? { saved: true } : { saved: false, message: result.message });
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
      <p id={statusId} aria-live="polite" className={`text-sm ${statusTone}`}>
        {status}
      </p>
    </div>
  );
}
