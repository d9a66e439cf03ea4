import type { OrganizationUsage } from "@/lib/usage/get-organization-usage";
import { requestTotal } from "@/lib/usage/outcome-counts";
import { plural, share } from "@/lib/usage/usage-format";
import { RANGE_LABELS } from "@/lib/usage/usage-window";

function Figure({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className="min-w-0 rounded-xl border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      <dd className="text-sm text-zinc-600 dark:text-zinc-400">{detail}</dd>
    </div>
  );
}

// The period's headline numbers: requests, the denied and refused shares,
// and who sent them.
export function UsageTotals({ usage }: { usage: OrganizationUsage }) {
  const { outcomes } = usage;
  const total = requestTotal(outcomes);
  const refused = outcomes.revoked + outcomes.rateLimited;
  return (
    <section aria-labelledby="totals-heading" className="mb-8">
      <h2 id="totals-heading" className="sr-only">
        Totals over the last {RANGE_LABELS[usage.window.range]}
      </h2>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <Figure
          label="Requests"
          value={total.toLocaleString("en")}
          detail={`in the last ${RANGE_LABELS[usage.window.range]}, ${plural(outcomes.allowed, "allowed", "allowed")}`}
        />
        <Figure label="Denied share" value={share(outcomes.denied, total)} detail={`${plural(outcomes.denied, "request")} outside the key's permission`} />
        <Figure
          label="Refused share"
          value={share(refused, total)}
          detail={`${outcomes.revoked.toLocaleString("en")} revoked, ${outcomes.rateLimited.toLocaleString("en")} rate limited`}
        />
        <Figure
          label="Clients"
          value={`${usage.clients.toLocaleString("en")}${usage.clientsOverflow ? "+" : ""}`}
          detail={`distinct address and user agent pairs, using ${plural(usage.keysUsed, "key")}`}
        />
      </dl>
    </section>
  );
}
