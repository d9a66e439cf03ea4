import { Badge } from "@/components/ui/badge";
import { CELL_CLASS, ROW_CLASS, TableHead, TableShell } from "@/components/ui/table";
import { exactUtc } from "@/lib/format/relative-time";
import { SCOPE_LABELS, type Scope } from "@/lib/keys/key-model";
import { activitySource } from "@/lib/keys/activity-source";
import type { KeyActivityRow } from "@/lib/keys/list-key-activity";

const OUTCOMES = {
  ALLOWED: { label: "Allowed", tone: "green" },
  DENIED: { label: "Denied", tone: "amber" },
  REVOKED: { label: "Refused: revoked", tone: "red" },
  RATE_LIMITED: { label: "Refused: rate limited", tone: "amber" },
} as const;

export function KeyActivityTable({ rows, retentionDays }: { rows: KeyActivityRow[]; retentionDays: number }) {
  if (rows.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        No requests with this key in the last {retentionDays} days.
      </p>
    );
  }
  return (
    <TableShell>
      <TableHead
        columns={[
          { label: "Last seen (UTC)" },
          { label: "Address" },
          { label: "User agent" },
          { label: "Request" },
          { label: "Outcome" },
          { label: "Requests", className: "text-right" },
        ]}
      />
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={ROW_CLASS}>
            <td className={`${CELL_CLASS} whitespace-nowrap`} title={`First seen ${exactUtc(row.firstSeenAt)}`}>
              {exactUtc(row.lastSeenAt)}
            </td>
            <td className={`${CELL_CLASS} font-mono text-xs`}>{activitySource(row)}</td>
            <td className={`${CELL_CLASS} max-w-64 truncate`} title={row.userAgent ?? undefined}>
              {row.userAgent ?? "—"}
            </td>
            <td className={`${CELL_CLASS} whitespace-nowrap`}>{row.scope ? `${SCOPE_LABELS[row.scope as Scope]} · ${row.action}` : row.action}</td>
            <td className={CELL_CLASS}>
              <Badge tone={OUTCOMES[row.outcome].tone}>{OUTCOMES[row.outcome].label}</Badge>
            </td>
            <td className={`${CELL_CLASS} text-right tabular-nums`}>{row.requestCount.toLocaleString("en")}</td>
          </tr>
        ))}
      </tbody>
    </TableShell>
  );
}
