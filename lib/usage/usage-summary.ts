import { addOutcomes, NO_REQUESTS, requestTotal, type OutcomeCounts } from "./outcome-counts";
import { bucketSpan, plural } from "./usage-format";
import { RANGE_LABELS, type UsageWindow } from "./usage-window";

export type SummaryBucket = OutcomeCounts & { start: Date };

// The bucket with the most requests (the earliest of equals), or null when
// there were none.
export function peakBucket<B extends SummaryBucket>(buckets: B[]): B | null {
  let peak: B | null = null;
  for (const bucket of buckets) if (requestTotal(bucket) > (peak ? requestTotal(peak) : 0)) peak = bucket;
  return peak;
}

export function sumOutcomes(buckets: OutcomeCounts[]): OutcomeCounts {
  return buckets.reduce(addOutcomes, NO_REQUESTS);
}

// The chart in one sentence, for everyone who does not see it: totals per
// outcome, distinct clients and the busiest bucket.
export function describeUsage({
  window,
  buckets,
  clients,
  clientsOverflow,
}: {
  window: UsageWindow;
  buckets: SummaryBucket[];
  clients: number;
  clientsOverflow: boolean;
}): string {
  const totals = sumOutcomes(buckets);
  const total = requestTotal(totals);
  const period = `the last ${RANGE_LABELS[window.range]}`;
  if (total === 0) return `No requests in ${period}.`;
  const refused = totals.revoked + totals.rateLimited;
  const from = `${clientsOverflow ? "at least " : ""}${plural(clients, "distinct client")}`;
  const peak = peakBucket(buckets)!;
  return (
    `${plural(total, "request")} in ${period}: ${totals.allowed.toLocaleString("en")} allowed, ${totals.denied.toLocaleString("en")} denied, ` +
    `${refused.toLocaleString("en")} refused (${totals.revoked.toLocaleString("en")} revoked, ${totals.rateLimited.toLocaleString("en")} rate limited), from ${from}. ` +
    `Busiest ${window.unit}: ${bucketSpan(peak.start, window.unit)}, ${plural(requestTotal(peak), "request")}.`
  );
}
