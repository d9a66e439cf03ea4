"use client";

import { useState, useTransition } from "react";
import { setGranularScopesAction } from "../actions";

export function GranularScopesToggle({ enabled, canManage }: { enabled: boolean; canManage: boolean }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();
  const [checked, setChecked] = useState(enabled);
  return (
    <div className="flex flex-col gap-2">
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={!canManage || pending}
          onChange={(event) => {
            const next = event.target.checked;
            setChecked(next);
            startTransition(async () => {
              const result = await setGranularScopesAction({ enabled: next });
              setMessage(result.ok ? undefined : result.message);
              if (!result.ok) setChecked(!next);
            });
          }}
          className="mt-0.5 size-4 accent-indigo-600"
        />
        <span>
          <span className="font-medium">Per-scope keys</span>
          <span className="block text-zinc-600 dark:text-zinc-400">
            Let key creators limit a key to Dataset, Training or Deployment. When off, every key reaches all three. Existing keys keep their scopes.
          </span>
          {!canManage && <span className="block text-zinc-500 dark:text-zinc-400">Only an owner can change this.</span>}
        </span>
      </label>
      <p aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
        {message}
      </p>
    </div>
  );
}
