import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CELL_CLASS, ROW_CLASS, TableHead, TableShell } from "@/components/ui/table";
import type { TopKey } from "@/lib/usage/list-top-keys";
import { share } from "@/lib/usage/usage-format";
import { RANGE_LABELS, type UsageRange } from "@/lib/usage/usage-window";
import { EnvironmentBadge, MaskedKey } from "../../secret-keys/_components/key-labels";

const count = (value: number) => value.toLocaleString("en");

// The busiest keys of the period, each linking to its page and chart.
export function TopKeysTable({ keys, range }: { keys: TopKey[]; range: UsageRange }) {
  return (
    <section aria-labelledby="top-keys-heading" className="mb-8">
      <h2 id="top-keys-heading" className="mb-3 text-lg font-semibold">
        Top keys by requests
      </h2>
      {keys.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No key was used in the last {RANGE_LABELS[range]}.
        </p>
      ) : (
        <TableShell>
          <TableHead
            columns={[
              { label: "Key" },
              { label: "Environment" },
              { label: "Requests", className: "text-right" },
              { label: "Denied", className: "text-right" },
              { label: "Refused", className: "text-right" },
              { label: "Clients", className: "text-right" },
            ]}
          />
          <tbody>
            {keys.map((key) => {
              const refused = key.revoked + key.rateLimited;
              return (
                <tr key={key.id} className={ROW_CLASS}>
                  <td className={CELL_CLASS}>
                    <span className="flex flex-wrap items-center gap-2">
                      <Link href={`/settings/secret-keys/${key.id}?range=${range}`} className="font-medium hover:underline">
                        {key.name}
                      </Link>
                      {key.deletedAt && <Badge tone="red">Deleted</Badge>}
                    </span>
                    <MaskedKey displayPrefix={key.displayPrefix} lastFour={key.lastFour} />
                  </td>
                  <td className={CELL_CLASS}>
                    <EnvironmentBadge environment={key.environment} />
                  </td>
                  <td className={`${CELL_CLASS} text-right font-medium tabular-nums`}>{count(key.requests)}</td>
                  <td className={`${CELL_CLASS} text-right whitespace-nowrap tabular-nums`}>
                    {count(key.denied)} <span className="text-zinc-500 dark:text-zinc-400">({share(key.denied, key.requests)})</span>
                  </td>
                  <td className={`${CELL_CLASS} text-right whitespace-nowrap tabular-nums`}>
                    {count(refused)} <span className="text-zinc-500 dark:text-zinc-400">({share(refused, key.requests)})</span>
                  </td>
                  <td className={`${CELL_CLASS} text-right tabular-nums`}>{`${count(key.clients)}${key.clientsOverflow ? "+" : ""}`}</td>
                </tr>
              );
            })}
          </tbody>
        </TableShell>
      )}
    </section>
  );
}
