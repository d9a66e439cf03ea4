"use client";

import { useId, type TextareaHTMLAttributes } from "react";

// A labelled multi-line field; a value over maxChars is kept and flagged,
// never cut, and errors are announced.
export function TextArea({
  label,
  errors,
  hint,
  maxChars,
  ...input
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; errors?: string[]; hint?: string; name: string; maxChars: number }) {
  const id = useId();
  const length = String(input.value ?? "").length;
  const shownError = length > maxChars ? `Use at most ${maxChars} characters (this has ${length}).` : errors?.[0];
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        aria-invalid={Boolean(shownError)}
        aria-describedby={[hint ? `${id}-hint` : "", shownError ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
        className={`rounded-md border bg-white px-3 py-2 text-sm shadow-xs dark:bg-zinc-900 ${shownError ? "border-red-500" : "border-zinc-300 dark:border-zinc-700"}`}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
        {shownError}
      </p>
    </div>
  );
}
