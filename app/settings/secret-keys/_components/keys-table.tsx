"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type Row,
  type OnChangeFn,
  type RowSelectionState,
  type SortingState,
  type Updater,
  type VisibilityState,
} from "@tanstack/react-table";
import type { KeySortColumn, ListKeysQuery } from "@/lib/keys/list-keys-query";
import type { KeySummary } from "@/lib/keys/key-summary";
import { CELL_CLASS, ROW_CLASS, TableShell } from "@/components/ui/table";
import { groupByOwner, ownerGroupHeading } from "@/lib/keys/key-owner-groups";
import { keyColumns, selectColumn, type KeyTableMeta } from "./key-columns";

const selectableColumns = [selectColumn, ...keyColumns];

// Sorting, filtering and paging happen on the server (manual modes); the
// table renders one page and turns header clicks into URL changes.
export function KeysTable({
  rows,
  query,
  meta,
  pending,
  update,
  selection,
  columnVisibility,
  groups,
  currentUserId,
}: {
  rows: KeySummary[];
  // Owner groups with their counts when the table is grouped by owner.
  groups?: { group: string; count: number; more?: boolean }[];
  currentUserId: string;
  columnVisibility: VisibilityState;
  query: ListKeysQuery;
  meta: KeyTableMeta;
  pending: boolean;
  update: (changes: Partial<ListKeysQuery>) => void;
  selection?: { state: RowSelectionState; onChange: OnChangeFn<RowSelectionState> };
}) {
  const sorting: SortingState = [{ id: query.sort, desc: query.dir === "desc" }];
  // TanStack Table returns new functions each render, so the React Compiler
  // leaves this component unmemoized; that is what it needs.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: selection ? selectableColumns : keyColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    enableRowSelection: Boolean(selection),
    onRowSelectionChange: selection?.onChange,
    state: { sorting, rowSelection: selection?.state ?? {}, columnVisibility },
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next] = typeof updater === "function" ? updater(sorting) : updater;
      if (next) update({ sort: next.id as KeySortColumn, dir: next.desc ? "desc" : "asc" });
    },
    meta,
  });

  return (
    <TableShell busy={pending} className={`transition-opacity ${pending ? "opacity-60" : ""}`}>
      <thead className="border-b border-zinc-200 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              return (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  className="px-4 py-3 font-medium whitespace-nowrap"
                >
                  {header.column.getCanSort() ? (
                    <button
                      type="button"
                      onClick={header.column.getToggleSortingHandler()}
                      className="inline-flex items-center gap-1 hover:text-zinc-900 dark:hover:text-zinc-100"
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span aria-hidden="true" className="text-xs">
                        {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                      </span>
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      {groups ? (
        groupByOwner(table.getRowModel().rows, (row) => row.original).map((group) => (
          <tbody key={group.group} aria-labelledby={`owner-group-${group.group}`}>
            <tr className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-800/50">
              <th
                id={`owner-group-${group.group}`}
                scope="rowgroup"
                colSpan={table.getVisibleLeafColumns().length}
                className="px-4 py-2 text-left text-sm font-semibold"
              >
                {ownerGroupHeading(group, groups, currentUserId)}
              </th>
            </tr>
            {group.items.map((row) => (
              <KeyRow key={row.id} row={row} selectable={Boolean(selection)} />
            ))}
          </tbody>
        ))
      ) : (
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <KeyRow key={row.id} row={row} selectable={Boolean(selection)} />
          ))}
        </tbody>
      )}
    </TableShell>
  );
}

function KeyRow({ row, selectable }: { row: Row<KeySummary>; selectable: boolean }) {
  return (
    <tr
      aria-selected={selectable ? row.getIsSelected() : undefined}
      className={`${ROW_CLASS} hover:bg-zinc-50 aria-selected:bg-indigo-50/60 dark:hover:bg-zinc-800/50 dark:aria-selected:bg-indigo-950/40`}
    >
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} className={`${CELL_CLASS} align-top`}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );
}
