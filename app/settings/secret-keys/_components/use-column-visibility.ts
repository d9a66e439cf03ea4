"use client";

import type { VisibilityState } from "@tanstack/react-table";
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { DEFAULT_HIDDEN, OPTIONAL_COLUMNS, type OptionalColumn } from "./key-columns";

const STORAGE_KEY = "secret-keys.table-columns";
const CHANGED = "secret-keys:columns-changed";

// Only known column ids with boolean values count: local storage is input too.
function parse(stored: string | null): VisibilityState {
  let value: unknown = null;
  try {
    value = JSON.parse(stored ?? "null");
  } catch {
    value = null;
  }
  const known = Object.keys(OPTIONAL_COLUMNS) as OptionalColumn[];
  return Object.fromEntries(
    known.map((id) => {
      const chosen = typeof value === "object" && value !== null && Object.hasOwn(value, id) ? (value as Record<string, unknown>)[id] : undefined;
      return [id, typeof chosen === "boolean" ? chosen : !DEFAULT_HIDDEN.includes(id)];
    }),
  );
}

const subscribe = (onChange: () => void) => {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGED, onChange);
  };
};

// Which optional columns the user shows, kept in this browser (and the same
// in its other tabs).
export function useColumnVisibility(): [VisibilityState, (id: OptionalColumn, visible: boolean) => void] {
  const stored = useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(STORAGE_KEY),
    () => null,
  );
  const visibility = useMemo(() => parse(stored), [stored]);
  const setColumn = useCallback(
    (id: OptionalColumn, visible: boolean) => {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...visibility, [id]: visible }));
      window.dispatchEvent(new Event(CHANGED));
    },
    [visibility],
  );
  return [visibility, setColumn];
}
