"use client";

import { ACTION_LABELS, ACTIONS, SCOPE_LABELS, type Action, type Scope } from "@/lib/keys/key-model";
import { SCOPE_ACTIONS } from "@/lib/keys/permission-table";

export type RestrictedActions = Partial<Record<Scope, Action[]>>;

// The per-scope action grid for Restricted keys; actions a scope does not
// support are shown as unavailable rather than hidden.
export function RestrictedMatrix({
  scopes,
  value,
  onChange,
  error,
}: {
  scopes: readonly Scope[];
  value: RestrictedActions;
  onChange: (value: RestrictedActions) => void;
  error?: string;
}) {
  function toggle(scope: Scope, action: Action, checked: boolean) {
    const current = value[scope] ?? [];
    onChange({ ...value, [scope]: checked ? [...current, action] : current.filter((a) => a !== action) });
  }
  return (
    <fieldset className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-700">
      <legend className="px-1 text-sm font-medium">Allowed actions</legend>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-zinc-500 dark:text-zinc-400">
            <th scope="col" className="py-1 font-medium">
              Scope
            </th>
            {ACTIONS.map((action) => (
              <th key={action} scope="col" className="py-1 text-center font-medium">
                {ACTION_LABELS[action]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {scopes.map((scope) => (
            <tr key={scope} className="border-t border-zinc-100 dark:border-zinc-800">
              <th scope="row" className="py-2 text-left font-normal">
                {SCOPE_LABELS[scope]}
              </th>
              {ACTIONS.map((action) => {
                const supported = (SCOPE_ACTIONS[scope] as readonly Action[]).includes(action);
                return (
                  <td key={action} className="py-2 text-center">
                    {supported ? (
                      <input
                        type="checkbox"
                        aria-label={`${SCOPE_LABELS[scope]}: ${ACTION_LABELS[action]}`}
                        checked={value[scope]?.includes(action) ?? false}
                        onChange={(event) => toggle(scope, action, event.target.checked)}
                        className="size-4 accent-indigo-600"
                      />
                    ) : (
                      <span className="text-zinc-400" aria-label={`${ACTION_LABELS[action]} does not apply to ${SCOPE_LABELS[scope]}`}>
                        —
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p aria-live="polite" className="mt-1 text-sm text-red-600 dark:text-red-400">
        {error}
      </p>
    </fieldset>
  );
}
