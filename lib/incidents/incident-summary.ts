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
};

export function incidentSummaryJson(incident: SummaryInput) {
  return {
    incident: incident.id,
    key: { id: incident.keyId, name: incident.keyName, prefix: incident.keyPrefix },
    status: incident.status.toLowerCase(),
    openedAt: incident.openedAt.toISOString(),
    closedAt: incident.closedAt?.toISOString() ?? null,
    timeline: incident.steps.map((s) => ({ step: s.step, by: s.actorLabel, at: s.createdAt.toISOString(), details: s.details ?? null })),
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
    "| # | Step | By | At (UTC) |",
    "| --- | --- | --- | --- |",
    ...incident.steps.map(
      (s, i) => `| ${i + 1} | ${INCIDENT_STEP_LABELS[s.step as IncidentStepId] ?? escapeMarkdown(s.step)} | ${escapeMarkdown(s.actorLabel)} | ${s.createdAt.toISOString()} |`,
    ),
    "",
  ];
  return lines.join("\n");
}
