import { exactUtc } from "@/lib/format/relative-time";

export type StepState = "done" | "current" | "locked";

// One step of the wizard: done steps show who did it and when; only the
// first unfinished step is open.
export function StepCard({
  number,
  title,
  state,
  doneBy,
  doneAt,
  summary,
  children,
}: {
  number: number;
  title: string;
  state: StepState;
  doneBy?: string;
  doneAt?: Date;
  summary?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <li
      aria-current={state === "current" ? "step" : undefined}
      className={`rounded-xl border p-4 sm:p-5 ${
        state === "current"
          ? "border-indigo-400 bg-white shadow-sm dark:border-indigo-500 dark:bg-zinc-900"
          : "border-zinc-200 bg-white/60 dark:border-zinc-800 dark:bg-zinc-900/60"
      }`}
    >
      <h2 className="flex items-center gap-3 font-semibold">
        <span
          aria-hidden="true"
          className={`flex size-7 items-center justify-center rounded-full text-sm ${
            state === "done"
              ? "bg-emerald-600 text-white"
              : state === "current"
                ? "bg-indigo-600 text-white"
                : "bg-zinc-200 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400"
          }`}
        >
          {state === "done" ? "✓" : number}
        </span>
        {title}
        <span className="sr-only">{state === "done" ? "(done)" : state === "current" ? "(current step)" : "(not yet)"}</span>
      </h2>
      {state === "done" && (
        <div className="mt-2 ml-10 text-sm text-zinc-600 dark:text-zinc-400">
          {summary}
          {doneBy && doneAt && (
            <p className="mt-1">
              Done by {doneBy}, {exactUtc(doneAt)}.
            </p>
          )}
        </div>
      )}
      {state === "current" && <div className="mt-3 ml-10 flex flex-col gap-3">{children}</div>}
    </li>
  );
}
