import { auditActionLabel } from "@/lib/audit/audit-actions";

export function AuditEventText({ action, details }: { action: string; details: unknown }) {
  const label = auditActionLabel(action);
  const detail = details as { from?: string; to?: string } | null;
  if (action === "key.renamed" && detail?.from !== undefined) {
    return <span>{label}: “{detail.from}” → “{detail.to}”</span>;
  }
  return <span>{label}</span>;
}
