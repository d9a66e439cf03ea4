"use client";

import { useId, useState, type ClipboardEvent, type InputHTMLAttributes } from "react";

const LINE_BREAKS = /[\r\n\u2028\u2029]+/g;

// A labelled input whose errors sit under it and are announced. With
// maxChars, a longer value is kept (never silently cut) and flagged as it is
// typed or pasted; with singleLine, line breaks in pasted text become spaces
// and the field says so.
export function TextField({
  label,
  errors,
  hint,
  maxChars,
  singleLine,
  onPaste,
  onInput,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; errors?: string[]; hint?: string; name: string; maxChars?: number; singleLine?: boolean }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const noteId = `${id}-note`;
  const [length, setLength] = useState(String(input.value ?? input.defaultValue ?? "").length);
  const [note, setNote] = useState<string>();
  const currentLength = input.value !== undefined ? String(input.value).length : length;
  const tooLong = maxChars !== undefined && currentLength > maxChars ? `Use at most ${maxChars} characters (this has ${currentLength}).` : undefined;
  // What the field holds now comes first; a server error may be about an earlier value.
  const shownError = tooLong ?? errors?.[0];
  const invalid = Boolean(shownError);

  function paste(event: ClipboardEvent<HTMLInputElement>) {
    onPaste?.(event);
    const text = event.clipboardData.getData("text");
    if (!singleLine || !LINE_BREAKS.test(text)) return;
    event.preventDefault();
    document.execCommand("insertText", false, text.replace(LINE_BREAKS, " ").trim());
    setNote("The pasted text had line breaks; they became spaces.");
  }

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={invalid}
        aria-describedby={[hint ? hintId : "", note ? noteId : "", invalid ? errorId : ""].filter(Boolean).join(" ") || undefined}
        className={`rounded-md border bg-white px-3 py-2 text-sm shadow-xs dark:bg-zinc-900 ${
          invalid ? "border-red-500" : "border-zinc-300 dark:border-zinc-700"
        }`}
        onPaste={paste}
        onInput={(event) => {
          onInput?.(event);
          setLength(event.currentTarget.value.length);
        }}
        {...input}
      />
      {hint && (
        <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {note && (
        <p id={noteId} role="status" className="text-xs text-amber-700 dark:text-amber-400">
          {note}
        </p>
      )}
      <p id={errorId} aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
        {shownError}
      </p>
    </div>
  );
}
