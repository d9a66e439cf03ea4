"use client";

import type { RowSelectionState } from "@tanstack/react-table";
import Link from "next/link";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { rotationDue } from "@/lib/keys/key-rotation";
import type { KeySummary } from "@/lib/keys/key-summary";
import { isStale } from "@/lib/keys/staleness";
import { rowMenuItems, type KeyTableMeta } from "./key-columns";
import { groupByOwner, ownerGroupHeading } from "@/lib/keys/key-owner-groups";
import { EnvironmentBadge, MaskedKey, OwnerName, PermissionText, ScopeList } from "./key-labels";
import { KeyRowMenu } from "./key-row-menu";
import { Sparkline } from "@/components/charts/sparkline";

type Selection = { state: RowSelectionState; onChange: (next: RowSelectionState) => void };

// The keys as cards, for narrow screens: the same facts and the same menu as
// a table row, stacked; grouped by owner, a list under a heading per owner.
export function KeyCards({
  rows,
  meta,
  selection,
  groups,
  currentUserId,
}: {
  rows: KeySummary[];
  meta: KeyTableMeta;
  selection?: Selection;
  groups?: { group: string; count: number; more?: boolean }[];
  currentUserId: string;
}) {
  if (!groups) return <CardList label="Secret keys" rows={rows} meta={meta} selection={selection} />;
  return (
    <div className="flex flex-col gap-4">
      {groupByOwner(rows, (row) => row).map((group) => {
        const heading = ownerGroupHeading(group, groups, currentUserId);
        return (
          <section key={group.group} aria-labelledby={`owner-cards-${group.group}`}>
            <h3 id={`owner-cards-${group.group}`} className="mb-2 text-sm font-semibold">
              {heading}
            </h3>
            <CardList label={`Secret keys of ${group.label}`} rows={group.items} meta={meta} selection={selection} />
          </section>
        );
      })}
    </div>
  );
}

function CardList({ label, rows, meta, selection }: { label: string; rows: KeySummary[]; meta: KeyTableMeta; selection?: Selection }) {
  return (
    <ul aria-label={label} className="flex flex-col gap-3">
      {rows.map((key) => {
        const expired = key.expiresAt !== null && key.expiresAt <= meta.now;
        return (
          <li key={key.id} className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
            <div className="flex items-start gap-3">
              {selection && (
                <input
                  type="checkbox"
                  aria-label={`Select ${key.name}`}
                  checked={Boolean(selection.state[key.id])}
                  onChange={(event) => {
                    const next = { ...selection.state };
                    if (event.target.checked) next[key.id] = true;
                    else delete next[key.id];
                    selection.onChange(next);
                  }}
                  className="mt-1 size-4 accent-indigo-600"
                />
              )}
              <div className="min-w-0 flex-1">
                <Link href={`/settings/secret-keys/${key.id}`} className="font-medium break-words hover:underline">
                  {key.name}
                </Link>
                <div>
                  <MaskedKey displayPrefix={key.displayPrefix} lastFour={key.lastFour} />
                </div>
              </div>
              <KeyRowMenu keyName={key.name} items={rowMenuItems(key, meta)} />
            </div>
            <div className="mt-2 flex flex-wrap items-center gap-1.5">
              <EnvironmentBadge environment={key.environment} />
              <ScopeList scopes={key.scopes} />
              {expired && <Badge tone="red">Expired</Badge>}
              {!expired && key.rotatedAt && <Badge tone="amber">Rotated</Badge>}
              {rotationDue(key, meta.now) && <Badge tone="amber">Rotation due</Badge>}
              {isStale(key, meta.now) && <Badge tone="amber">Stale</Badge>}
            </div>
            <dl className="mt-2 grid grid-cols-3 gap-2 text-xs">
              <div>
                <dt className="text-zinc-500 dark:text-zinc-400">Permission</dt>
                <dd>
                  <PermissionText permission={key.permission} />
                </dd>
              </div>
              <div>
                <dt className="text-zinc-500 dark:text-zinc-400">Created</dt>
                <dd>
                  <RelativeTime date={key.createdAt} now={meta.now} />
                </dd>
              </div>
              <div>
                <dt className="text-zinc-500 dark:text-zinc-400">Last used</dt>
                <dd className="flex flex-col gap-1">
                  <RelativeTime date={key.lastUsedAt} now={meta.now} />
                  {meta.recentRequests[key.id] && key.lastUsedAt && <Sparkline values={meta.recentRequests[key.id]} />}
                </dd>
              </div>
            </dl>
            <p className="mt-2 text-xs">
              <span className="text-zinc-500 dark:text-zinc-400">Owner </span>
              <OwnerName {...key} />
              {key.team && <span className="text-zinc-500 dark:text-zinc-400"> · {key.team}</span>}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
