import { exactUtc } from "@/lib/format/relative-time";

// Shows a UTC timestamp as a date; the exact time is in the tooltip.
export function LocalTime({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()} title={exactUtc(date)}>
      {date.toISOString().slice(0, 10)}
    </time>
  );
}
