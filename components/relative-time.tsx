import { exactUtc, relativeTime } from "@/lib/format/relative-time";

// Relative text, exact UTC time on hover and for assistive tech.
export function RelativeTime({ date, now, never = "Never" }: { date: Date | null; now: Date; never?: string }) {
  if (!date) return <span className="text-zinc-500 dark:text-zinc-400">{never}</span>;
  return (
    <time dateTime={date.toISOString()} title={exactUtc(date)} aria-label={`${relativeTime(date, now)} (${exactUtc(date)})`}>
      {relativeTime(date, now)}
    </time>
  );
}
