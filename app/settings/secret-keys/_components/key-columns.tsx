"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import type { KeySummary } from "@/lib/keys/key-summary";
import { rotationDue } from "@/lib/keys/key-rotation";
import { isStale } from "@/lib/keys/staleness";
import { EnvironmentBadge, MaskedKey, OwnerName, PermissionText, ScopeList } from "./key-labels";
import { KeyRowMenu, type RowMenuItem } from "./key-row-menu";

export type KeyTableMeta = {
  now: Date;
  recentRequests: Record<string, number[]>;
  canRename: boolean;
  canDelete: boolean;
  canRotate: boolean;
  canRespond: boolean;
  onRename: (key: KeySummary) => void;
  onDelete: (key: KeySummary) => void;
  onRotate: (key: KeySummary) => void;
};

const column = createColumnHelper<KeySummary>();

// What a row's menu offers this role (the table row and the phone card alike).
export function rowMenuItems(key: KeySummary, meta: KeyTableMeta): RowMenuItem[] {
  const items: RowMenuItem[] = [{ label: "View details", href: `/settings/secret-keys/${key.id}` }];
  if (meta.canRotate && !key.rotatedAt) items.push({ label: "Rotate", onSelect: () => meta.onRotate(key) });
  if (meta.canRename && !key.rotatedAt) items.push({ label: "Rename", onSelect: () => meta.onRename(key) });
  if (meta.canDelete) items.push({ label: "Delete", onSelect: () => meta.onDelete(key), danger: true });
  if (meta.canRespond) items.push({ label: "Report compromised", href: `/settings/secret-keys/${key.id}/compromised`, danger: true });
  return items;
}

// Columns a user may hide (the name and the menu always show). Owner and
// Created by start hidden so the table fits a laptop screen (1280 pixels);
// "Group by owner" shows owners without the column.
export const OPTIONAL_COLUMNS = {
  scopes: "Scope",
  permission: "Permission",
  environment: "Environment",
  createdAt: "Created",
  lastUsedAt: "Last used",
  owner: "Owner",
  createdBy: "Created by",
} as const;
export type OptionalColumn = keyof typeof OPTIONAL_COLUMNS;
export const DEFAULT_HIDDEN: OptionalColumn[] = ["owner", "createdBy"];

// The checkbox column, shown to roles that may delete keys.
export const selectColumn = column.display({
  id: "select",
  enableSorting: false,
  header: ({ table }) => (
    <input
      type="checkbox"
      aria-label="Select every key on this page"
      checked={table.getIsAllRowsSelected()}
      ref={(element) => {
        if (element) element.indeterminate = table.getIsSomeRowsSelected();
      }}
      onChange={table.getToggleAllRowsSelectedHandler()}
      className="size-4 accent-indigo-600"
    />
  ),
  cell: ({ row }) => (
    <input
      type="checkbox"
      aria-label={`Select ${row.original.name}`}
      checked={row.getIsSelected()}
      onChange={row.getToggleSelectedHandler()}
      className="size-4 accent-indigo-600"
    />
  ),
});

// Column ids are the server's sort keys (lib/keys/list-keys-query.ts).
export const keyColumns = [
  column.accessor("name", {
    id: "name",
    header: "Name",
    cell: ({ row, table }) => {
      const key = row.original;
      const { now } = table.options.meta as KeyTableMeta;
      const expired = key.expiresAt !== null && key.expiresAt <= now;
      return (
        <div className="flex min-w-40 flex-col gap-0.5">
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Link href={`/settings/secret-keys/${key.id}`} className="font-medium hover:underline">
              {key.name}
            </Link>
            {expired && <Badge tone="red">Expired</Badge>}
            {!expired && key.rotatedAt && <Badge tone="amber">Rotated</Badge>}
            {rotationDue(key, now) && <Badge tone="amber">Rotation due</Badge>}
          </span>
          <MaskedKey displayPrefix={key.displayPrefix} lastFour={key.lastFour} />
          {!expired && key.rotatedAt && key.expiresAt && (
            <span className="text-xs text-amber-700 dark:text-amber-400">
              Stops working <RelativeTime date={key.expiresAt} now={now} />
            </span>
          )}
        </div>
      );
    },
  }),
  column.accessor("scopes", { id: "scopes", header: "Scope", cell: ({ getValue }) => <ScopeList scopes={getValue()} /> }),
  column.accessor("permission", { id: "permission", header: "Permission", cell: ({ getValue }) => <PermissionText permission={getValue()} /> }),
  column.accessor("environment", { id: "environment", header: "Environment", cell: ({ getValue }) => <EnvironmentBadge environment={getValue()} /> }),
  column.accessor("createdAt", {
    id: "createdAt",
    header: "Created",
    cell: ({ getValue, table }) => <RelativeTime date={getValue()} now={(table.options.meta as KeyTableMeta).now} />,
  }),
  column.accessor("lastUsedAt", {
    id: "lastUsedAt",
    header: "Last used",
    cell: ({ row, table }) => {
      const { now, recentRequests } = table.options.meta as KeyTableMeta;
      const recent = recentRequests[row.original.id];
      // Under the text and narrower than it, so the column keeps its width.
      return (
        <div className="flex flex-col gap-1">
          <span className="flex items-center gap-2 whitespace-nowrap">
            <RelativeTime date={row.original.lastUsedAt} now={now} />
            {isStale(row.original, now) && <Badge tone="amber">Stale</Badge>}
          </span>
          {recent && row.original.lastUsedAt && <Sparkline values={recent} />}
        </div>
      );
    },
  }),
  column.accessor("ownerName", {
    id: "owner",
    header: "Owner",
    cell: ({ row }) => (
      <div className="flex max-w-40 flex-col gap-0.5">
        <OwnerName {...row.original} />
        {row.original.team && <span className="text-xs break-words text-zinc-500 dark:text-zinc-400">{row.original.team}</span>}
      </div>
    ),
  }),
  column.accessor("createdByName", {
    id: "createdBy",
    header: "Created by",
    cell: ({ getValue }) => getValue() ?? <span className="text-zinc-500 dark:text-zinc-400">Removed user</span>,
  }),
  column.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    enableSorting: false,
    cell: ({ row, table }) => <KeyRowMenu keyName={row.original.name} items={rowMenuItems(row.original, table.options.meta as KeyTableMeta)} />,
  }),
];
