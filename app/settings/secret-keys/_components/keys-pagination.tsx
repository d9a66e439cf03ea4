"use client";

import { Button } from "@/components/ui/button";
import { PAGE_SIZES, type ListKeysQuery } from "@/lib/keys/list-keys-query";
import { rangeLabel, type BoundedCount } from "@/lib/keys/list-page";

// Previous / Next by cursor (the server hands out both positions), the page
// size, and "26–50 of 10,000+": counting stops at a limit, so a page of a
// million keys costs what a page of a thousand does.
export function KeysPagination({
  query,
  shown,
  start,
  total,
  nextCursor,
  prevCursor,
  update,
}: {
  query: ListKeysQuery;
  shown: number;
  start: number;
  total: BoundedCount;
  nextCursor: string | null;
  prevCursor: string | null;
  update: (changes: Partial<ListKeysQuery>) => void;
}) {
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p aria-live="polite" data-testid="keys-range">
        {rangeLabel(start, shown, total)}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="keys-page-size">Rows per page</label>
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
        {query.cursor && (
          <Button variant="ghost" onClick={() => update({ cursor: undefined })}>
            First page
          </Button>
        )}
        <Button variant="secondary" disabled={!prevCursor} onClick={() => prevCursor && update({ cursor: prevCursor })}>
          Previous
        </Button>
        <Button variant="secondary" disabled={!nextCursor} onClick={() => nextCursor && update({ cursor: nextCursor })}>
          Next
        </Button>
      </div>
    </nav>
  );
}
