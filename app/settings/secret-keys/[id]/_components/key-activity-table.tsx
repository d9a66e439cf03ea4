import { Badge } from "@/components/ui/badge";
import { exactUtc } from "@/lib/format/relative-time";
import { SCOPE_LABELS, type Scope } from "@/lib/keys/key-model";
import type { KeyActivityRow } from "@/lib/keys/list-key-activity";

const OUTCOMES = {
  ALLOWED: { label: "Allowed", tone: "green" },
  DENIED: { label: "Denied", tone: "amber" },
  REVOKED: { label: "Refused: revoked", tone: "red" },
} as const;

export function KeyActivityTable({ rows, retentionDays }: { rows: KeyActivityRow[]; retentionDays: number }) {
  if (rows.length === 0) {
    return <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">No requests with this key in the last {retentionDays} days.</p>;
  }
  return (
    <div className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">Last seen (UTC)</th>
            <th scope="col" className="px-4 py-3 font-medium">Address</th>
            <th scope="col" className="px-4 py-3 font-medium">User agent</th>
            <th scope="col" className="px-4 py-3 font-medium">Request</th>
            <th scope="col" className="px-4 py-3 font-medium">Outcome</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">Requests</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
              <td className="px-4 py-3 whitespace-nowrap" title={`First seen ${exactUtc(row.firstSeenAt)}`}>{exactUtc(row.lastSeenAt)}</td>
              <td className="px-4 py-3 font-mono text-xs">{row.ipAddress}</td>
              <td className="max-w-64 truncate px-4 py-3" title={row.userAgent ?? undefined}>{row.userAgent ?? "—"}</td>
              <td className="px-4 py-3 whitespace-nowrap">{row.scope ? `${SCOPE_LABELS[row.scope as Scope]} · ${row.action}` : row.action}</td>
              <td className="px-4 py-3"><Badge tone={OUTCOMES[row.outcome].tone}>{OUTCOMES[row.outcome].label}</Badge></td>
              <td className="px-4 py-3 text-right tabular-nums">{row.requestCount.toLocaleString("en")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
