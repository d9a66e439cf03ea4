"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback, useOptimistic, useTransition } from "react";
import { listKeysSearchParams, type ListKeysQuery } from "@/lib/keys/list-keys-query";

// The table's state lives in the URL: changing it navigates, and the server
// page runs the query. Filters and sort go back to the first page (a page
// position belongs to one sort and filter); the page size keeps it. Controls
// show the new state at once (optimistic) while the page loads.
export function useKeysQuery(serverQuery: ListKeysQuery) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [query, setOptimisticQuery] = useOptimistic(serverQuery);

  const update = useCallback(
    (changes: Partial<ListKeysQuery>) => {
      const resetsPage = Object.keys(changes).some((name) => name !== "cursor" && name !== "pageSize");
      const next = { ...query, ...(resetsPage ? { cursor: undefined } : {}), ...changes };
      const search = listKeysSearchParams(next).toString();
      startTransition(() => {
        setOptimisticQuery(next);
        router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
      });
    },
    [query, pathname, router, setOptimisticQuery],
  );

  return { query, update, pending };
}
