import { exactUtc } from "@/lib/format/relative-time";
import { INCIDENT_STEP_LABELS, type IncidentStepId } from "./incident-steps";

type SummaryInput = {
  id: string;
  keyId: string;
  keyName: string;
  keyPrefix: string;
  status: string;
  openedAt: Date;
  closedAt: Date | null;
  steps: { step: string; actorLabel: string; createdAt: Date; details: unknown }[];
  deliveries?: { channel: string; target: string; status: string; attempts: number; deliveredAt: Date | null; lastError: string | null }[];
};

const deliveryJson = (d: NonNullable<SummaryInput["deliveries"]>[number]) => ({
  channel: d.channel,
  to: d.target,
  status: d.status,
  attempts: d.attempts,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  lastError: d.lastError,
});

const utc = (iso: unknown) => {
  const date = new Date(String(iso));
  return Number.isNaN(date.getTime()) ? String(iso) : exactUtc(date);
};
export const count = (n: unknown, one: string, many: string) => `${Number(n ?? 0).toLocaleString("en")} ${Number(n ?? 0) === 1 ? one : many}`;

// One sentence on what a completed step did, from its recorded details.
export function describeStep(step: string, details: unknown): string {
  const d = (details ?? {}) as Record<string, unknown>;
  switch (step as IncidentStepId) {
    case "revoke":
      return `Key revoked at ${utc(d.revokedAt)}${d.alreadyDeleted ? " (it had already been deleted)" : ""}.`;
    case "replace":
      return d.skipped ? `No replacement: ${String(d.reason)}` : `Replacement "${String(d.name)}" created (${String(d.replacementKeyId)}).`;
    case "update_apps": {
      const clients = Number(d.clients ?? 0);
      const updated = Number(d.updated ?? 0);
      if (clients === 0) return "No client had used the key.";
      const noted = clients - updated;
      return `${updated} of ${count(clients, "client", "clients")} updated${noted > 0 ? `; ${noted} noted instead` : ""}.`;
    }
    case "review":
      return `Activity from ${utc(d.from)} to ${utc(d.to)} reviewed; ${count(d.suspicious, "suspicious entry", "suspicious entries")}.`;
    case "notify": {
      const emails = Number(d.emails ?? 0);
      return `${count(d.recipients, "member", "members")} notified in the app${emails ? `, ${emails} by email` : ""}; webhook ${String(d.webhook ?? "not configured")}.`;
    }
    case "close":
      return "Incident closed.";
    default:
      return "";
  }
}

export function incidentSummaryJson(incident: SummaryInput) {
  return {
    incident: incident.id,
    key: { id: incident.keyId, name: incident.keyName, prefix: incident.keyPrefix },
    status: incident.status.toLowerCase(),
    openedAt: incident.openedAt.toISOString(),
    closedAt: incident.closedAt?.toISOString() ?? null,
    timeline: incident.steps.map((s) => ({ step: s.step, by: s.actorLabel, at: s.createdAt.toISOString(), details: s.details ?? null })),
    deliveries: (incident.deliveries ?? []).map(deliveryJson),
  };
}

// Markdown special characters in names are escaped, so a crafted key name
// cannot add lines or links to the report.
const escapeMarkdown = (text: string) => text.replace(/[\r\n]+/g, " ").replace(/([\\`*_{}[\]()#+\-.!|<>])/g, "\\$1");

export function incidentSummaryMarkdown(incident: SummaryInput): string {
  const lines = [
    `# Incident: compromised key ${escapeMarkdown(incident.keyName)}`,
    "",
    `- Key: \`${incident.keyPrefix}…\` (${incident.keyId})`,
    `- Status: ${incident.status.toLowerCase()}`,
    `- Opened: ${incident.openedAt.toISOString()}`,
    `- Closed: ${incident.closedAt?.toISOString() ?? "not yet"}`,
    "",
    "| # | Step | By | At (UTC) | What was done |",
    "| --- | --- | --- | --- | --- |",
    ...incident.steps.map(
      (s, i) =>
        `| ${i + 1} | ${INCIDENT_STEP_LABELS[s.step as IncidentStepId] ?? escapeMarkdown(s.step)} | ${escapeMarkdown(s.actorLabel)} | ${s.createdAt.toISOString()} | ${escapeMarkdown(describeStep(s.step, s.details))} |`,
    ),
    "",
  ];
  const deliveries = incident.deliveries ?? [];
  if (deliveries.length > 0) {
    lines.push("## Deliveries", "");
    for (const d of deliveries) {
      const what = d.channel === "webhook" ? `Webhook ${d.target}` : `Email to ${d.target}`;
      const when = d.deliveredAt ? ` at ${d.deliveredAt.toISOString()}` : "";
      lines.push(`- ${escapeMarkdown(`${what}: ${d.status}${when}, ${count(d.attempts, "attempt", "attempts")}`)}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
