const DAY_MS = 86_400_000;
const isDay = (value: unknown): value is string => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

// The review window: by default the 7 days before revocation until now;
// dates are whole UTC days, `to` inclusive.
export function reviewWindow(params: { from?: unknown; to?: unknown }, revokedAt: Date | null, now: Date) {
  const anchor = revokedAt ?? now;
  const from = isDay(params.from) ? params.from : new Date(anchor.getTime() - 7 * DAY_MS).toISOString().slice(0, 10);
  const to = isDay(params.to) ? params.to : now.toISOString().slice(0, 10);
  return { from, to, fromDate: new Date(`${from}T00:00:00Z`), toDate: new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS - 1) };
}
