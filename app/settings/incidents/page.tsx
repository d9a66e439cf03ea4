import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { CELL_CLASS, ROW_CLASS, TableHead, TableShell } from "@/components/ui/table";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { exactUtc } from "@/lib/format/relative-time";
import { INCIDENT_STEPS } from "@/lib/incidents/incident-steps";
import { listIncidents } from "@/lib/incidents/list-incidents";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const member = await requireMemberPage();
  if (!can(member.role, "incidents.run")) {
    return (
      <>
        <PageHeader title="Incidents" />
        <EmptyState title="Not available to your role">Owners and security leads handle compromised keys.</EmptyState>
      </>
    );
  }
  const incidents = await listIncidents(member.organizationId);
  return (
    <>
      <PageHeader title="Incidents" description="Compromised keys and the response to each. Report one from a key's menu." />
      {incidents.length === 0 ? (
        <EmptyState title="No incidents">When a key leaks, choose “Report compromised” in its menu.</EmptyState>
      ) : (
        <TableShell>
          <TableHead
            columns={[
              { label: "Key" },
              { label: "Status" },
              { label: "Progress" },
              { label: "Opened (UTC)" },
              { label: "Closed (UTC)" },
              { label: <span className="sr-only">Report</span> },
            ]}
          />
          <tbody>
            {incidents.map((incident) => (
              <tr key={incident.id} className={ROW_CLASS}>
                <td className={CELL_CLASS}>
                  <Link href={`/settings/secret-keys/${incident.keyId}/compromised`} className="font-medium hover:underline">
                    {incident.keyName}
                  </Link>
                  <span className="block font-mono text-xs text-zinc-500 dark:text-zinc-400">{incident.keyPrefix}…</span>
                </td>
                <td className={CELL_CLASS}>{incident.status === "OPEN" ? <Badge tone="red">Open</Badge> : <Badge tone="green">Closed</Badge>}</td>
                <td className={CELL_CLASS}>
                  {incident._count.steps} of {INCIDENT_STEPS.length} steps
                </td>
                <td className={`${CELL_CLASS} whitespace-nowrap`}>{exactUtc(incident.openedAt)}</td>
                <td className={`${CELL_CLASS} whitespace-nowrap`}>{incident.closedAt ? exactUtc(incident.closedAt) : "—"}</td>
                <td className={CELL_CLASS}>
                  <Link href={`/settings/secret-keys/${incident.keyId}/compromised/report`} className="text-indigo-600 hover:underline dark:text-indigo-400">
                    Report<span className="sr-only"> for {incident.keyName}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      )}
    </>
  );
}
