import { useId, type InputHTMLAttributes } from "react";

// A labelled input whose errors sit under it and are announced.
export function TextField({
  label,
  errors,
  hint,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; errors?: string[]; hint?: string; name: string }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(errors?.length);
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={invalid}
        aria-describedby={[hint ? hintId : "", invalid ? errorId : ""].filter(Boolean).join(" ") || undefined}
        className={`rounded-md border bg-white px-3 py-2 text-sm shadow-xs dark:bg-zinc-900 ${
          invalid ? "border-red-500" : "border-zinc-300 dark:border-zinc-700"
        }`}
        {...input}
      />
      {hint && (
        <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <p id={errorId} aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
        {errors?.[0]}
      </p>
    </div>
  );
}
