"use client";

import { useId } from "react";

// A member who can own keys, as the pages pass them to the browser.
export type MemberOption = { userId: string; name: string; email: string };

const selectClass = "rounded-md border bg-white px-3 py-2 text-sm dark:bg-zinc-900";

// The owner of a key: one of the organization's current members. The server
// checks the choice again; this only offers members.
export function OwnerSelect({
  members,
  currentUserId,
  value,
  onChange,
  errors,
  label = "Owner",
  hint,
}: {
  members: MemberOption[];
  currentUserId: string;
  value: string;
  onChange: (userId: string) => void;
  errors?: string[];
  label?: string;
  hint?: string;
}) {
  const id = useId();
  const error = errors?.[0];
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
        className={`${selectClass} ${error ? "border-red-500" : "border-zinc-300 dark:border-zinc-700"}`}
      >
        {/* A key whose owner left: nothing is chosen until someone is. */}
        {!members.some((member) => member.userId === value) && <option value="">Choose a member</option>}
        {members.map((member) => (
          <option key={member.userId} value={member.userId}>
            {member.userId === currentUserId ? `${member.name} (you)` : `${member.name} (${member.email})`}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
        {error}
      </p>
    </div>
  );
}
