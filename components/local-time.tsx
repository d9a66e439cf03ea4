// Shows a UTC timestamp as a date; the exact time is in the tooltip.
export function LocalTime({ date }: { date: Date }) {
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso.replace("T", " ").replace(/\.\d+Z$/, " UTC")}>
      {iso.slice(0, 10)}
    </time>
  );
}
