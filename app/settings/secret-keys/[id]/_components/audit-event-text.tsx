import { auditActionLabel } from "@/lib/audit/audit-actions";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

type Change = { from?: string | null; to?: string | null };
type Details = {
  from?: string | null;
  to?: string | null;
  email?: string;
  role?: string;
  url?: string;
  replacementPrefix?: string;
  oldKeyExpiresAt?: string;
  reason?: string;
  team?: Change;
  description?: Change;
  keysHandedOver?: number;
  keysTo?: string;
} | null;

const quoted = (text: string | null | undefined) => (text ? `“${text}”` : "none");

const roleLabel = (role?: string | null) => ROLE_LABELS[role as Role] ?? role;

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
  if (action === "key.owner_changed" && d?.to !== undefined)
    return (
      <span>
        {label}: {d.from ?? "no owner"} → {d.to}
        {d.reason === "member_removed" && " (previous owner removed from the organization)"}
      </span>
    );
  if (action === "key.details_changed" && (d?.team || d?.description))
    return (
      <span>
        {label}:{d.team && ` team ${quoted(d.team.from)} → ${quoted(d.team.to)}`}
        {d.team && d.description && ";"}
        {d.description && ` what uses it ${quoted(d.description.from)} → ${quoted(d.description.to)}`}
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
        {label}: {d.email} ({roleLabel(d.role)}){d.keysHandedOver ? `; ${d.keysHandedOver} ${d.keysHandedOver === 1 ? "key" : "keys"} to ${d.keysTo}` : ""}
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
