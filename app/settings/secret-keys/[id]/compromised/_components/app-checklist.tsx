"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { exactUtc } from "@/lib/format/relative-time";
import { count } from "@/lib/incidents/incident-summary";
import { activitySource } from "@/lib/keys/activity-source";

export type ChecklistClient = { ipAddress: string; userAgent: string | null; overflow: boolean; firstSeenAt: Date; lastSeenAt: Date; requests: number };
type Entry = { ipAddress: string; userAgent: string | null; updated: boolean; note: string };

// Every client seen with the key; each is ticked as updated or given a note.
export function AppChecklist({ clients, pending, onSubmit }: { clients: ChecklistClient[]; pending: boolean; onSubmit: (entries: Entry[]) => void }) {
  const [entries, setEntries] = useState<Entry[]>(clients.map((c) => ({ ipAddress: c.ipAddress, userAgent: c.userAgent, updated: false, note: "" })));
  const set = (index: number, change: Partial<Entry>) => setEntries(entries.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));
  const left = entries.filter((e) => !e.updated && !e.note.trim()).length;
  return (
    <>
      {clients.length === 0 ? (
        <p className="text-sm">No app used this key in the retained activity. Nothing to update.</p>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Clients that used the key">
          {clients.map((client, index) => (
            <li key={`${client.ipAddress}-${client.userAgent}`} className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-700">
              <p className="font-mono text-xs">
                {activitySource(client)} · {client.userAgent ?? "no user agent"}
              </p>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {count(client.requests, "request", "requests")}, first {exactUtc(client.firstSeenAt)}, last {exactUtc(client.lastSeenAt)}
              </p>
              <div className="mt-2 flex flex-wrap items-center gap-3">
                <label className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    aria-label={`${activitySource(client)} (${client.userAgent ?? "no user agent"}) updated to the replacement`}
                    checked={entries[index].updated}
                    onChange={(e) => set(index, { updated: e.target.checked })}
                    className="size-4 accent-indigo-600"
                  />
                  Updated to the replacement
                </label>
                <input
                  aria-label={`Note for ${client.ipAddress}`}
                  placeholder="or a note (e.g. decommissioned)"
                  value={entries[index].note}
                  maxLength={500}
                  onChange={(e) => set(index, { note: e.target.value })}
                  className="min-w-48 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="flex items-center gap-3">
        <Button disabled={pending || left > 0} onClick={() => onSubmit(entries.map((e) => ({ ...e, note: e.note.trim() })))}>
          Confirm apps updated
        </Button>
        {left > 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">{left} left to tick off or note.</p>}
      </div>
    </>
  );
}
