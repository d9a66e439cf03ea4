// Counting stops here: past it the list says "10,000+" instead of walking
// every matching key for an exact number nobody reads. Without filters the
// count walks one index, so it goes to 10,000; with filters each counted key
// may cost many that do not match (a filter that 1% of keys pass reads 100
// keys per key counted), so it stops at 1,000.
export const COUNT_LIMIT = 10_000;
export const FILTERED_COUNT_LIMIT = 1_000;

export type BoundedCount = { count: number; more: boolean };

export function boundedCount(counted: number, limit: number): BoundedCount {
  return counted > limit ? { count: limit, more: true } : { count: counted, more: false };
}

export function formatCount({ count, more }: BoundedCount): string {
  return `${count.toLocaleString("en")}${more ? "+" : ""}`;
}

// "26–50 of 10,000+", or "No keys".
export function rangeLabel(start: number, shown: number, total: BoundedCount): string {
  if (shown === 0) return start === 0 ? "No keys" : "No more keys";
  return `${(start + 1).toLocaleString("en")}–${(start + shown).toLocaleString("en")} of ${formatCount(total)}`;
}

// One page from rows fetched one beyond the page size, in the direction of
// travel: reading backwards, the rows come nearest-first and are turned
// around. Whether there is more beyond the page in that direction is whether
// the extra row came.
export function pageWindow<T>(fetched: T[], pageSize: number, direction: "next" | "prev"): { rows: T[]; more: boolean } {
  const more = fetched.length > pageSize;
  const rows = fetched.slice(0, pageSize);
  return { rows: direction === "prev" ? rows.reverse() : rows, more };
}
