import { ChartDataTable } from "@/components/charts/chart-data-table";
import { ENVIRONMENT_FILLS } from "@/components/charts/chart-fills";
import { ChartLegend } from "@/components/charts/chart-legend";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { ENVIRONMENT_LABELS, ENVIRONMENTS } from "@/lib/keys/key-model";
import type { OrganizationUsage } from "@/lib/usage/get-organization-usage";
import { bucketSpan, plural } from "@/lib/usage/usage-format";
import { RANGE_LABELS, retentionNote } from "@/lib/usage/usage-window";

const count = (value: number) => value.toLocaleString("en");

// Requests per UTC day, stacked by the environment of the key used.
export function EnvironmentChart({ usage, retentionDays }: { usage: OrganizationUsage; retentionDays: number }) {
  const { window, buckets } = usage;
  const note = retentionNote(window, retentionDays);
  const period = RANGE_LABELS[window.range];
  const totals = Object.fromEntries(ENVIRONMENTS.map((environment) => [environment, buckets.reduce((sum, bucket) => sum + bucket[environment], 0)]));
  const total = ENVIRONMENTS.reduce((sum, environment) => sum + totals[environment], 0);
  const busiest = buckets.reduce((best, bucket) => (daySum(bucket) > daySum(best) ? bucket : best), buckets[0]);
  return (
    <section aria-labelledby="environments-heading" className="mb-8">
      <h2 id="environments-heading" className="mb-3 text-lg font-semibold">
        Requests per environment
      </h2>
      {total === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No requests with your keys in the last {period}.{note && ` ${note}`}
        </p>
      ) : (
        <figure aria-labelledby="environments-summary" className="rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
          <figcaption id="environments-summary" className="mb-3 text-sm text-zinc-700 dark:text-zinc-300">
            {plural(total, "request")} in the last {period}:{" "}
            {ENVIRONMENTS.map((environment) => `${ENVIRONMENT_LABELS[environment]} ${count(totals[environment])}`).join(", ")}. Busiest day:{" "}
            {bucketSpan(busiest.start, "day")}, {plural(daySum(busiest), "request")}.{note && ` ${note}`}
          </figcaption>
          <ChartLegend
            id="environments"
            items={ENVIRONMENTS.map((environment) => ({
              label: ENVIRONMENT_LABELS[environment],
              fill: ENVIRONMENT_FILLS[environment],
              value: count(totals[environment]),
            }))}
          />
          <div className="mt-4">
            <StackedBarChart
              id="environments"
              unit="day"
              series={ENVIRONMENTS.map((environment) => ({ label: ENVIRONMENT_LABELS[environment], fill: ENVIRONMENT_FILLS[environment] }))}
              buckets={buckets.map((bucket) => ({ start: bucket.start, values: ENVIRONMENTS.map((environment) => bucket[environment]) }))}
            />
          </div>
          <ChartDataTable
            summary="Table of requests per day"
            caption={`Requests per day (UTC) over the last ${period}, by key environment`}
            headers={["Day (UTC)", ...ENVIRONMENTS.map((environment) => ENVIRONMENT_LABELS[environment]), "Total"]}
            rows={buckets.map((bucket) => ({
              label: bucketSpan(bucket.start, "day"),
              cells: [...ENVIRONMENTS.map((environment) => count(bucket[environment])), count(daySum(bucket))],
            }))}
          />
        </figure>
      )}
    </section>
  );
}

function daySum(bucket: OrganizationUsage["buckets"][number]): number {
  return ENVIRONMENTS.reduce((sum, environment) => sum + bucket[environment], 0);
}
