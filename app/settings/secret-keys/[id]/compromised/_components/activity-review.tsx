"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CELL_CLASS, ROW_CLASS, TableHead, TableShell } from "@/components/ui/table";
import { exactUtc } from "@/lib/format/relative-time";
import { activitySource } from "@/lib/keys/activity-source";
import type { ReviewedActivity } from "@/lib/incidents/incident-activity";

export type ReviewRow = ReviewedActivity;

// The key's requests in the window (chosen in the URL), suspicious ones marked.
export function ActivityReview({
  rows,
  from,
  to,
  exportHref,
  pending,
  onReviewed,
}: {
  rows: ReviewRow[];
  exportHref: string;
  from: string;
  to: string;
  pending: boolean;
  onReviewed: (suspicious: number) => void;
}) {
  const [onlySuspicious, setOnlySuspicious] = useState(false);
  const suspicious = rows.filter((row) => row.suspicious.length > 0);
  const shown = onlySuspicious ? suspicious : rows;
  return (
    <>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Activity window">
        <label className="flex flex-col gap-1 font-medium">
          From (UTC)
          <input
            type="date"
            name="from"
            defaultValue={from}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          To (UTC)
          <input
            type="date"
            name="to"
            defaultValue={to}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <Button type="submit" variant="secondary">
          Show
        </Button>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={onlySuspicious} onChange={(e) => setOnlySuspicious(e.target.checked)} className="size-4 accent-indigo-600" />
          Suspicious only ({suspicious.length})
        </label>
        <a href={exportHref} download className="ml-auto underline">
          Export CSV
        </a>
      </form>
      {shown.length === 0 ? (
        <p className="text-sm">No requests in this window.</p>
      ) : (
        <TableShell>
          <TableHead
            columns={[
              { label: "Last seen (UTC)" },
              { label: "Address" },
              { label: "User agent" },
              { label: "Request" },
              { label: "Outcome" },
              { label: "Requests" },
              { label: "Flags" },
            ]}
          />
          <tbody>
            {shown.map((row) => (
              <tr key={row.id} className={ROW_CLASS}>
                <td className={`${CELL_CLASS} whitespace-nowrap`}>{exactUtc(row.lastSeenAt)}</td>
                <td className={`${CELL_CLASS} font-mono text-xs`}>{activitySource(row)}</td>
                <td className={`${CELL_CLASS} max-w-48 truncate`}>{row.userAgent ?? "—"}</td>
                <td className={CELL_CLASS}>{[row.scope?.toLowerCase(), row.action].filter(Boolean).join(" · ")}</td>
                <td className={CELL_CLASS}>{row.outcome.toLowerCase()}</td>
                <td className={`${CELL_CLASS} tabular-nums`}>{row.requestCount}</td>
                <td className={CELL_CLASS}>
                  <span className="flex flex-wrap gap-1">
                    {row.suspicious.map((flag) => (
                      <Badge key={flag} tone="red">
                        {flag}
                      </Badge>
                    ))}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      )}
      <div>
        <Button disabled={pending} onClick={() => onReviewed(suspicious.length)}>
          Mark activity reviewed
        </Button>
      </div>
    </>
  );
}
