import { auditActionLabel } from "./audit-actions";
import type { AuditEventRow } from "./list-audit-events";

export const AUDIT_CSV_HEADER = ["sequence", "time_utc", "actor", "action", "event", "key_id", "key_prefix", "details", "ip_address", "user_agent"];

// RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a
// spreadsheet never runs a name as a formula.
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: unknown[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

export function auditCsvLine(row: AuditEventRow): string {
  return csvLine([
    row.sequence,
    row.createdAt.toISOString(),
    row.actorLabel,
    row.action,
    auditActionLabel(row.action),
    row.keyId,
    row.keyPrefix,
    row.details,
    row.ipAddress,
    row.userAgent,
  ]);
}
