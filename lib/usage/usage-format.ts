import { UNIT_MS, type BucketUnit } from "./usage-window";

const day = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const weekday = new Intl.DateTimeFormat("en", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
const hour = (date: Date) => `${String(date.getUTCHours()).padStart(2, "0")}:00`;
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

// An axis label: "14:00" for an hour, "Nov 23" for a day (both UTC).
export function bucketLabel(start: Date, unit: BucketUnit): string {
  return unit === "hour" ? hour(start) : day.format(start);
}

// A bucket spelled out: "Nov 27, 14:00–15:00 UTC" or "Fri, Nov 27 (UTC)".
export function bucketSpan(start: Date, unit: BucketUnit): string {
  if (unit === "day") return `${weekday.format(start)} (UTC)`;
  const end = new Date(start.getTime() + UNIT_MS.hour);
  return `${day.format(start)}, ${hour(start)}–${end.getUTCHours() === 0 ? "24:00" : hour(end)} UTC`;
}

// Axis numbers: 950, 1.2K, 3M.
export function compactCount(value: number): string {
  return compact.format(value);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

// "3.2%", "0%", "<0.1%" (never a share that rounds a real count away).
export function share(part: number, whole: number): string {
  if (whole === 0 || part === 0) return "0%";
  const percent = (part / whole) * 100;
  if (percent < 0.1) return "<0.1%";
  return `${Number(percent.toFixed(percent < 10 ? 1 : 0))}%`;
}
