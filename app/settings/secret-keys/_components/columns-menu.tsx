"use client";

import type { VisibilityState } from "@tanstack/react-table";
import { useState } from "react";
import { OPTIONAL_COLUMNS, type OptionalColumn } from "./key-columns";

// The columns the table shows, chosen by the user (kept in this browser).
export function ColumnsMenu({ visibility, onChange }: { visibility: VisibilityState; onChange: (id: OptionalColumn, visible: boolean) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="relative hidden md:block" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer list-none rounded-md border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700">Columns</summary>
      {open && (
        <fieldset className="absolute right-0 z-20 mt-1 flex w-48 flex-col gap-1 rounded-md border border-zinc-200 bg-white p-3 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
          <legend className="sr-only">Columns to show</legend>
          {(Object.keys(OPTIONAL_COLUMNS) as OptionalColumn[]).map((id) => (
            <label key={id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={visibility[id] !== false}
                onChange={(event) => onChange(id, event.target.checked)}
                className="size-4 accent-indigo-600"
              />
              {OPTIONAL_COLUMNS[id]}
            </label>
          ))}
        </fieldset>
      )}
    </details>
  );
}
