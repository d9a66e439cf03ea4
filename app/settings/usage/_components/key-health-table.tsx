import Link from "next/link";
import { CELL_CLASS, ROW_CLASS, TableHead, TableShell } from "@/components/ui/table";
import { STALENESS_LABELS } from "@/lib/keys/staleness";
import type { KeyHealthRow } from "@/lib/usage/count-keys-by-health";

const LINK = "text-indigo-600 hover:underline dark:text-indigo-400";

// Live keys by when they were last used, with how many are due for rotation
// (the same rules as the Stale and Rotation due badges and filters).
export function KeyHealthTable({ rows }: { rows: KeyHealthRow[] }) {
  const keys = rows.reduce((sum, row) => sum + row.keys, 0);
  const due = rows.reduce((sum, row) => sum + row.rotationDue, 0);
  const stale = rows.filter((row) => row.status === "stale" || row.status === "unused").reduce((sum, row) => sum + row.keys, 0);
  return (
    <section aria-labelledby="health-heading">
      <h2 id="health-heading" className="mb-1 text-lg font-semibold">
        Keys by staleness and rotation
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Live keys as they stand now, whatever the period above.</p>
      <TableShell>
        <TableHead columns={[{ label: "Last use" }, { label: "Keys", className: "text-right" }, { label: "Rotation due", className: "text-right" }]} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.status} className={ROW_CLASS}>
              <th scope="row" className={`${CELL_CLASS} font-normal`}>
                {STALENESS_LABELS[row.status]}
              </th>
              <td className={`${CELL_CLASS} text-right tabular-nums`}>{row.keys.toLocaleString("en")}</td>
              <td className={`${CELL_CLASS} text-right tabular-nums`}>{row.rotationDue.toLocaleString("en")}</td>
            </tr>
          ))}
          <tr className={`${ROW_CLASS} font-semibold`}>
            <th scope="row" className={CELL_CLASS}>
              All live keys
            </th>
            <td className={`${CELL_CLASS} text-right tabular-nums`}>{keys.toLocaleString("en")}</td>
            <td className={`${CELL_CLASS} text-right tabular-nums`}>{due.toLocaleString("en")}</td>
          </tr>
        </tbody>
      </TableShell>
      {(stale > 0 || due > 0) && (
        <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {stale > 0 && (
            <Link href="/settings/secret-keys?stale=1" className={LINK}>
              Review the {stale.toLocaleString("en")} stale {stale === 1 ? "key" : "keys"}
            </Link>
          )}
          {due > 0 && (
            <Link href="/settings/secret-keys?due=1" className={LINK}>
              See the {due.toLocaleString("en")} {due === 1 ? "key" : "keys"} due for rotation
            </Link>
          )}
        </p>
      )}
    </section>
  );
}
