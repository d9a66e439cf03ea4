import type { Metadata } from "next";
import { count } from "@/lib/incidents/incident-summary";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { CELL_CLASS, ROW_CLASS, TableHead, TableShell } from "@/components/ui/table";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { exactUtc } from "@/lib/format/relative-time";
import { listIncidentDeliveries } from "@/lib/incidents/incident-deliveries";
import { latestIncidentForKey } from "@/lib/incidents/incident-step-actions";
import { INCIDENT_STEP_LABELS, type IncidentStepId } from "@/lib/incidents/incident-steps";
import { describeStep } from "@/lib/incidents/incident-summary";
import { PrintButton } from "@/components/print-button";

export const metadata: Metadata = { title: "Incident report" };

type ChecklistItem = { ipAddress: string; userAgent: string | null; requests: number; updated: boolean; note: string };

// The incident on one page, laid out for printing (the navigation is hidden
// in print).
export default async function IncidentReportPage({ params }: { params: Promise<{ id: string }> }) {
  const member = await requireMemberPage();
  if (!can(member.role, "incidents.run")) {
    return <EmptyState title="Not available to your role">Owners and security leads read incident reports.</EmptyState>;
  }
  const { id } = await params;
  const incident = await latestIncidentForKey(member.organizationId, id);
  if (!incident) notFound();
  const deliveries = await listIncidentDeliveries(member.organizationId, incident.id);
  const checklist = (incident.appChecklist ?? []) as ChecklistItem[];
  const base = `/settings/secret-keys/${id}/compromised`;
  const facts: [string, string][] = [
    ["Key", `${incident.keyName} (${incident.keyPrefix}…, ${incident.keyId})`],
    ["Status", incident.status === "OPEN" ? "Open" : "Closed"],
    ["Opened", exactUtc(incident.openedAt)],
    ["Revoked", incident.revokedAt ? exactUtc(incident.revokedAt) : "Not yet"],
    ["Replacement", incident.replacementKeyId ?? "None"],
    ["Closed", incident.closedAt ? exactUtc(incident.closedAt) : "Not yet"],
  ];
  return (
    <article className="max-w-4xl print:max-w-none print:text-black">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm print:hidden">
        <Link href={base} className="text-indigo-600 hover:underline dark:text-indigo-400">
          Back to the incident
        </Link>
      </nav>
      <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Incident report: compromised key “{incident.keyName}”</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400 print:text-black">
            Generated {exactUtc(new Date())} by {member.name}. All times UTC.
          </p>
        </div>
        <div className="flex items-center gap-3 text-sm print:hidden">
          <a href={`${base}/summary?format=md`} className="underline">
            Markdown
          </a>
          <a href={`${base}/summary?format=json`} className="underline">
            JSON
          </a>
          <PrintButton />
        </div>
      </header>

      <dl className="mb-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>

      <h2 className="mb-2 font-semibold">Timeline</h2>
      <TableShell className="mb-6 print:border-zinc-400">
        <TableHead columns={[{ label: "#" }, { label: "Step" }, { label: "By" }, { label: "At" }, { label: "What was done" }]} />
        <tbody>
          {incident.steps.map((step, index) => (
            <tr key={step.id} className={ROW_CLASS}>
              <td className={CELL_CLASS}>{index + 1}</td>
              <td className={CELL_CLASS}>{INCIDENT_STEP_LABELS[step.step as IncidentStepId] ?? step.step}</td>
              <td className={`${CELL_CLASS} break-words`}>{step.actorLabel}</td>
              <td className={`${CELL_CLASS} whitespace-nowrap`}>{exactUtc(step.createdAt)}</td>
              <td className={CELL_CLASS}>{describeStep(step.step, step.details)}</td>
            </tr>
          ))}
        </tbody>
      </TableShell>

      {checklist.length > 0 && (
        <section className="mb-6 break-inside-avoid">
          <h2 className="mb-2 font-semibold">Apps that used the key</h2>
          <ul className="list-disc pl-5 text-sm">
            {checklist.map((item) => (
              <li key={`${item.ipAddress} ${item.userAgent}`}>
                {item.ipAddress} · {item.userAgent ?? "no user agent"} · {count(item.requests, "request", "requests")}:{" "}
                {item.updated ? "updated" : "not updated"}
                {item.note && ` (${item.note})`}
              </li>
            ))}
          </ul>
        </section>
      )}

      {incident.notifyMessage && (
        <section className="mb-6 break-inside-avoid">
          <h2 className="mb-2 font-semibold">Message sent to the team</h2>
          <blockquote className="border-l-4 border-zinc-300 pl-3 text-sm whitespace-pre-wrap">{incident.notifyMessage}</blockquote>
        </section>
      )}

      {deliveries.length > 0 && (
        <section className="break-inside-avoid">
          <h2 className="mb-2 font-semibold">Deliveries</h2>
          <ul className="list-disc pl-5 text-sm">
            {deliveries.map((d) => (
              <li key={d.id}>
                {d.channel === "webhook" ? `Webhook ${d.target}` : `Email to ${d.target}`}: {d.status}
                {d.deliveredAt ? ` at ${exactUtc(d.deliveredAt)}` : ""}, {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                {d.lastError && d.status !== "delivered" ? ` (last error: ${d.lastError})` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
