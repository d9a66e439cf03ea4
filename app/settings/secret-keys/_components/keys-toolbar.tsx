"use client";

import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { KeySortColumn, ListKeysQuery } from "@/lib/keys/list-keys-query";
import { ENVIRONMENT_LABELS, ENVIRONMENTS, PERMISSION_LABELS, PERMISSION_LEVELS, SCOPE_LABELS, SCOPES } from "@/lib/keys/key-model";
import { NO_ACTIVE_OWNER_LABEL } from "@/lib/keys/key-owner-groups";
import type { MemberOption } from "./owner-select";

// On phones there are no column headers to sort by.
const PHONE_SORTS = [
  ["createdAt:desc", "Newest first"],
  ["createdAt:asc", "Oldest first"],
  ["lastUsedAt:desc", "Recently used"],
  ["lastUsedAt:asc", "Least recently used"],
  ["name:asc", "Name A–Z"],
  ["environment:asc", "Environment"],
] as const;

const selectClass = "rounded-md border border-zinc-300 bg-white px-2.5 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

function FilterSelect<T extends string>({
  label,
  value,
  options,
  labels,
  onChange,
}: {
  label: string;
  value: T | undefined;
  options: readonly T[];
  labels: Record<T, string>;
  onChange: (value: T | undefined) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(event) => onChange((event.target.value || undefined) as T | undefined)} className={selectClass}>
        <option value="">All</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {labels[option]}
          </option>
        ))}
      </select>
    </div>
  );
}

// Whose keys: anyone, the viewer, no active owner, or one member.
function OwnerFilter({ value, members, onChange }: { value: string | undefined; members: MemberOption[]; onChange: (owner: string | undefined) => void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
      <label htmlFor={id}>Owner</label>
      <select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)} className={`${selectClass} max-w-44`}>
        <option value="">Anyone</option>
        <option value="me">Me</option>
        <option value="none">{NO_ACTIVE_OWNER_LABEL}</option>
        {/* A member id from a shared link that is not a member here: shown as such, finding nothing. */}
        {value && value !== "me" && value !== "none" && !members.some((member) => member.userId === value) && <option value={value}>Not a member</option>}
        <optgroup label="Members">
          {members.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.name}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}

export function KeysToolbar({
  query,
  update,
  members,
  children,
}: {
  query: ListKeysQuery;
  update: (changes: Partial<ListKeysQuery>) => void;
  members: MemberOption[];
  children?: React.ReactNode;
}) {
  const [search, setSearch] = useState(query.q);
  // The URL changed (back button, Clear filters): the box follows it.
  const [urlQuery, setUrlQuery] = useState(query.q);
  if (query.q !== urlQuery) {
    setUrlQuery(query.q);
    setSearch(query.q);
  }
  useEffect(() => {
    if (search.trim() === query.q) return;
    const timer = setTimeout(() => update({ q: search.trim() }), 300);
    return () => clearTimeout(timer);
  }, [search, query.q, update]);

  const filtered = Boolean(query.q || query.scope || query.permission || query.environment || query.stale || query.due || query.owner);
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3">
      <div className="flex min-w-56 flex-1 flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">
        <label htmlFor="keys-search">Search</label>
        <input
          id="keys-search"
          type="search"
          value={search}
          maxLength={100}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Name or key prefix"
          className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        />
      </div>
      <FilterSelect label="Scope" value={query.scope} options={SCOPES} labels={SCOPE_LABELS} onChange={(scope) => update({ scope })} />
      <FilterSelect
        label="Permission"
        value={query.permission}
        options={PERMISSION_LEVELS}
        labels={PERMISSION_LABELS}
        onChange={(permission) => update({ permission })}
      />
      <FilterSelect
        label="Environment"
        value={query.environment}
        options={ENVIRONMENTS}
        labels={ENVIRONMENT_LABELS}
        onChange={(environment) => update({ environment })}
      />
      <OwnerFilter value={query.owner} members={members} onChange={(owner) => update({ owner })} />
      <label
        className="flex items-center gap-2 rounded-md border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700"
        title="Not used for 90 days, or never used and older than 7 days"
      >
        <input type="checkbox" checked={query.stale} onChange={(event) => update({ stale: event.target.checked })} className="size-4 accent-indigo-600" />
        Stale only
      </label>
      <label
        className="flex items-center gap-2 rounded-md border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700"
        title="Older than the rotation policy (90 days production and CI/CD, 180 staging), or expiring within 14 days"
      >
        <input type="checkbox" checked={query.due} onChange={(event) => update({ due: event.target.checked })} className="size-4 accent-indigo-600" />
        Rotation due
      </label>
      <label
        className="flex items-center gap-2 rounded-md border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700"
        title="Keys under a heading per owner"
      >
        <input
          type="checkbox"
          checked={query.group === "owner"}
          onChange={(event) => update({ group: event.target.checked ? "owner" : undefined })}
          className="size-4 accent-indigo-600"
        />
        Group by owner
      </label>
      {filtered && (
        <Button
          variant="ghost"
          onClick={() => update({ q: "", scope: undefined, permission: undefined, environment: undefined, stale: false, due: false, owner: undefined })}
        >
          Clear filters
        </Button>
      )}
      <div className="flex flex-col gap-1 text-xs font-medium text-zinc-600 md:hidden dark:text-zinc-400">
        <label htmlFor="keys-sort">Sort by</label>
        <select
          id="keys-sort"
          value={`${query.sort}:${query.dir}`}
          onChange={(event) => {
            const [sort, dir] = event.target.value.split(":") as [KeySortColumn, "asc" | "desc"];
            update({ sort, dir });
          }}
          className={selectClass}
        >
          {PHONE_SORTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="ml-auto">{children}</div>
    </div>
  );
}
