import { ChartDataTable } from "@/components/charts/chart-data-table";
import { OUTCOME_FILLS } from "@/components/charts/chart-fills";
import { ChartLegend } from "@/components/charts/chart-legend";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { SegmentedLinks } from "@/components/ui/segmented-links";
import type { KeyUsage } from "@/lib/usage/get-key-usage";
import { OUTCOME_LABELS, OUTCOME_SERIES, requestTotal } from "@/lib/usage/outcome-counts";
import { bucketSpan } from "@/lib/usage/usage-format";
import { describeUsage, sumOutcomes } from "@/lib/usage/usage-summary";
import { RANGE_LABELS, retentionNote, USAGE_RANGES } from "@/lib/usage/usage-window";

const count = (value: number) => value.toLocaleString("en");

// The key's requests over the chosen period by outcome, with distinct
// clients, as a chart with a sentence and a table saying the same.
export function KeyUsageChart({ keyId, usage, retentionDays }: { keyId: string; usage: KeyUsage; retentionDays: number }) {
  const { window, buckets } = usage;
  const note = retentionNote(window, retentionDays);
  const totals = sumOutcomes(buckets);
  const bucketName = window.unit === "hour" ? "Hour (UTC)" : "Day (UTC)";
  return (
    <section aria-labelledby="usage-heading" className="mb-8">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="usage-heading" className="text-lg font-semibold">
          Usage
        </h2>
        <SegmentedLinks
          label="Usage period"
          options={USAGE_RANGES.map((range) => ({
            href: `/settings/secret-keys/${keyId}?range=${range}`,
            label: RANGE_LABELS[range],
            current: range === window.range,
          }))}
        />
      </div>
      {requestTotal(totals) === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No requests with this key in the last {RANGE_LABELS[window.range]}.{note && ` ${note}`}
        </p>
      ) : (
        <figure aria-labelledby="usage-summary" className="rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
          <figcaption id="usage-summary" className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">
            {describeUsage({ window, buckets, clients: usage.clients, clientsOverflow: usage.clientsOverflow })}
            {note && ` ${note}`}
          </figcaption>
          <ChartLegend
            id="key-usage"
            items={OUTCOME_SERIES.map((outcome) => ({ label: OUTCOME_LABELS[outcome], fill: OUTCOME_FILLS[outcome], value: count(totals[outcome]) }))}
          />
          <div className="mt-4">
            <StackedBarChart
              id="key-usage"
              unit={window.unit}
              series={OUTCOME_SERIES.map((outcome) => ({ label: OUTCOME_LABELS[outcome], fill: OUTCOME_FILLS[outcome] }))}
              buckets={buckets.map((bucket) => ({ start: bucket.start, values: OUTCOME_SERIES.map((outcome) => bucket[outcome]) }))}
              line={{ label: "Distinct clients (address and user agent)", values: buckets.map((bucket) => bucket.clients) }}
            />
          </div>
          <ChartDataTable
            summary={`Table of requests per ${window.unit}`}
            caption={`Requests with this key per ${window.unit} (UTC) over the last ${RANGE_LABELS[window.range]}, by outcome, with distinct clients`}
            headers={[bucketName, ...OUTCOME_SERIES.map((outcome) => OUTCOME_LABELS[outcome]), "Total", "Distinct clients"]}
            rows={buckets.map((bucket) => ({
              label: bucketSpan(bucket.start, window.unit),
              cells: [
                ...OUTCOME_SERIES.map((outcome) => count(bucket[outcome])),
                count(requestTotal(bucket)),
                `${count(bucket.clients)}${bucket.clientsOverflow ? "+" : ""}`,
              ],
            }))}
          />
        </figure>
      )}
    </section>
  );
}
