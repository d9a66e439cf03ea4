"use client";

import type { VisibilityState } from "@tanstack/react-table";
import { useCallback, useEffect, useState } from "react";
import { DEFAULT_HIDDEN, OPTIONAL_COLUMNS, type OptionalColumn } from "./key-columns";

const STORAGE_KEY = "secret-keys.table-columns";
const DEFAULT_VISIBILITY: VisibilityState = Object.fromEntries(DEFAULT_HIDDEN.map((id) => [id, false]));

// Only known column ids with boolean values survive: local storage is input too.
function readStored(): VisibilityState {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "null") as unknown;
    if (typeof stored !== "object" || stored === null) return DEFAULT_VISIBILITY;
    const known = Object.keys(OPTIONAL_COLUMNS) as OptionalColumn[];
    return Object.fromEntries(
      known.map((id) => {
        const value = Object.hasOwn(stored, id) ? (stored as Record<string, unknown>)[id] : undefined;
        return [id, typeof value === "boolean" ? value : !DEFAULT_HIDDEN.includes(id)];
      }),
    );
  } catch {
    return DEFAULT_VISIBILITY;
  }
}

// Which optional columns the user shows, kept in this browser.
export function useColumnVisibility(): [VisibilityState, (id: OptionalColumn, visible: boolean) => void] {
  const [visibility, setVisibility] = useState<VisibilityState>(DEFAULT_VISIBILITY);
  useEffect(() => setVisibility(readStored()), []);
  const setColumn = useCallback((id: OptionalColumn, visible: boolean) => {
    setVisibility((current) => {
      const next = { ...current, [id]: visible };
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  return [visibility, setColumn];
}
