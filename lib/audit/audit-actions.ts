// Every action the audit log records, with how it reads.
export const AUDIT_ACTION_LABELS = {
  "organization.created": "Organization and owner created (setup)",
  "key.created": "Key created",
  "key.renamed": "Key renamed",
  "key.owner_changed": "Key owner changed",
  "key.details_changed": "Key details changed",
  "key.deleted": "Key deleted",
  "key.rotated": "Key rotated",
  "member.added": "Member added",
  "member.role_changed": "Member role changed",
  "member.removed": "Member removed",
  "member.password_link_issued": "Set-password link issued",
  "organization.granular_scopes_enabled": "Per-scope keys turned on",
  "organization.granular_scopes_disabled": "Per-scope keys turned off",
  "organization.webhook_set": "Webhook URL set",
  "organization.webhook_removed": "Webhook removed",
  "organization.webhook_events_set": "Webhook events chosen",
  "organization.webhook_retried": "Webhook delivery retried",
  "organization.responsibility_named": "Responsibility assigned",
  "organization.digest_sent": "Key-hygiene digest sent",
  "organization.production_approval_enabled": "Approval for production keys turned on",
  "organization.production_approval_disabled": "Approval for production keys turned off",
  "key.requested": "Production key requested",
  "key.approved": "Key request approved",
  "key.denied": "Key request denied",
  "key.request_withdrawn": "Key request withdrawn",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sessions_revoked": "Other sessions signed out",
  "auth.session_ended": "A session signed out",
  "auth.reauthenticated": "Password confirmed for a sensitive action",
  "auth.reauthentication_failed": "Password confirmation failed",
  "auth.password_changed": "Password changed",
  "auth.password_set": "First password chosen (set-password link)",
  "auth.password_reset_requested": "Password reset link emailed",
  "auth.password_reset": "Password reset (emailed link)",
  "incident.opened": "Compromise reported",
  "incident.revoke": "Incident: key revoked",
  "incident.replace": "Incident: replacement handled",
  "incident.update_apps": "Incident: apps updated",
  "incident.review": "Incident: activity reviewed",
  "incident.notify": "Incident: team notified",
  "incident.close": "Incident closed",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
