import { auditActionLabel } from "@/lib/audit/audit-actions";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

type Details = { from?: string; to?: string; email?: string; role?: string; url?: string; replacementPrefix?: string; oldKeyExpiresAt?: string } | null;

const roleLabel = (role?: string) => ROLE_LABELS[role as Role] ?? role;

// An audit event in words, with the details that matter for its action.
export function AuditEventText({ action, details }: { action: string; details: unknown }) {
  const label = auditActionLabel(action);
  const d = details as Details;
  if (action === "key.renamed" && d?.from !== undefined)
    return (
      <span>
        {label}: “{d.from}” → “{d.to}”
      </span>
    );
  if (action === "member.role_changed" && d?.email)
    return (
      <span>
        {label}: {d.email}, {roleLabel(d.from)} → {roleLabel(d.to)}
      </span>
    );
  if ((action === "member.added" || action === "member.removed") && d?.email)
    return (
      <span>
        {label}: {d.email} ({roleLabel(d.role)})
      </span>
    );
  if (action === "key.rotated" && d?.replacementPrefix) {
    return (
      <span>
        {label}: replaced by {d.replacementPrefix}…; the old secret works until {d.oldKeyExpiresAt?.replace("T", " ").slice(0, 19)} UTC
      </span>
    );
  }
  if ((action === "organization.webhook_set" || action === "organization.webhook_removed") && d?.url)
    return (
      <span>
        {label}: {d.url}
      </span>
    );
  return <span>{label}</span>;
}
