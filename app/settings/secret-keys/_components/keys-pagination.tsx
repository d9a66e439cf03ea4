"use client";

import { Button } from "@/components/ui/button";
import { PAGE_SIZES, type ListKeysQuery } from "@/lib/keys/list-keys-query";

export function KeysPagination({
  query,
  page,
  pageCount,
  total,
  update,
}: {
  query: ListKeysQuery;
  page: number;
  pageCount: number;
  total: number;
  update: (changes: Partial<ListKeysQuery>) => void;
}) {
  const first = total === 0 ? 0 : (page - 1) * query.pageSize + 1;
  const last = Math.min(total, page * query.pageSize);
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p aria-live="polite" data-testid="keys-range">
        {total === 0 ? "No keys" : `${first.toLocaleString("en")}–${last.toLocaleString("en")} of ${total.toLocaleString("en")}`}
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor="keys-page-size">Rows</label>
        <select
          id="keys-page-size"
          value={query.pageSize}
          onChange={(event) => update({ pageSize: Number(event.target.value) })}
          className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
        <Button variant="secondary" disabled={page <= 1} onClick={() => update({ page: page - 1 })}>
          Previous
        </Button>
        <span>
          Page {page} of {pageCount}
        </span>
        <Button variant="secondary" disabled={page >= pageCount} onClick={() => update({ page: page + 1 })}>
          Next
        </Button>
      </div>
    </nav>
  );
}
