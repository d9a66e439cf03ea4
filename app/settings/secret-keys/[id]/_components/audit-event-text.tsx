const LABELS: Record<string, string> = {
  "key.created": "Key created",
  "key.renamed": "Key renamed",
  "key.deleted": "Key deleted",
};

export function AuditEventText({ action, details }: { action: string; details: unknown }) {
  const label = LABELS[action] ?? action;
  const detail = details as { from?: string; to?: string } | null;
  if (action === "key.renamed" && detail?.from !== undefined) {
    return <span>{label}: “{detail.from}” → “{detail.to}”</span>;
  }
  return <span>{label}</span>;
}
