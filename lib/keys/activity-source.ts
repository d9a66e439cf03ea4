// Where a row's requests came from, in words: the end client, through which
// service when one reported it, or the overflow row's stand-in.
export function activitySource(row: { ipAddress: string; viaAddress?: string | null; overflow?: boolean }): string {
  if (row.overflow) return "Other clients (past 100 distinct clients in a few seconds)";
  return row.viaAddress ? `${row.ipAddress} via ${row.viaAddress}` : row.ipAddress;
}
