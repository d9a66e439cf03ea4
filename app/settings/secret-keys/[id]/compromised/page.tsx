import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { exactUtc } from "@/lib/format/relative-time";
import { listAppClients, reviewActivity } from "@/lib/incidents/incident-activity";
import { smtpConfig } from "@/lib/email/smtp-config";
import { listIncidentDeliveries } from "@/lib/incidents/incident-deliveries";
import { latestIncidentForKey, NOT_LIVE_WHEN_REVOKED_MESSAGE, revokedLiveKey } from "@/lib/incidents/incident-step-actions";
import { reviewWindow } from "@/lib/incidents/review-window";
import { getKeyWithHistory } from "@/lib/keys/get-key";
import { listMembers } from "@/lib/members/list-members";
import { getWebhookEndpoint } from "@/lib/webhooks/webhook-endpoint";
import { MaskedKey } from "../../_components/key-labels";
import { IncidentWizard } from "./_components/incident-wizard";
import { StartIncidentButton } from "./_components/start-incident-button";

export const metadata: Metadata = { title: "Compromised key" };

// A webhook URL's path or query often carries a token: owners see its host,
// others only that one is set.
function webhookLabel(url: string | null, canManage: boolean): string | null {
  if (!url) return null;
  return canManage ? new URL(url).host : "the organization's webhook";
}

export default async function CompromisedKeyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const member = await requireMemberPage();
  const { id } = await params;
  const found = await getKeyWithHistory(member.organizationId, id);
  if (!found) notFound();
  const { key, rotatedTo } = found;
  const header = (
    <header className="mb-6">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/settings/secret-keys/${key.id}`} className="text-indigo-600 hover:underline dark:text-indigo-400">
          {key.name}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">Respond to a compromised key</h1>
      <MaskedKey displayPrefix={key.displayPrefix} lastFour={key.lastFour} />
    </header>
  );
  if (!can(member.role, "incidents.run")) {
    return (
      <>
        {header}
        <EmptyState title="Not available to your role">Owners and security leads run the compromise response. Tell one of them now.</EmptyState>
      </>
    );
  }
  const incident = await latestIncidentForKey(member.organizationId, key.id);
  const live = !key.deletedAt && !(key.expiresAt && key.expiresAt <= new Date());
  if (!live && !incident) {
    return (
      <>
        {header}
        <EmptyState title="This key no longer works">
          It was {key.deletedAt ? `deleted ${exactUtc(key.deletedAt)}` : `expired ${exactUtc(key.expiresAt!)}`}, so there is nothing to revoke or replace. Its
          recent activity is on the{" "}
          <Link href={`/settings/secret-keys/${key.id}`} className="underline">
            key&apos;s page
          </Link>
          ; if it leaked, look there for requests from addresses you do not know.
        </EmptyState>
      </>
    );
  }
  if (!incident || (incident.status === "CLOSED" && live)) {
    return (
      <>
        {header}
        <section className="rounded-xl border border-red-300 bg-red-50 p-5 dark:border-red-900 dark:bg-red-950">
          <p className="mb-3 text-sm">
            The wizard revokes the key, creates a replacement, walks you through updating the apps that used it and reviewing its activity, notifies the team,
            and records every step for the audit.
          </p>
          <StartIncidentButton keyId={key.id} />
        </section>
      </>
    );
  }
  const query = await searchParams;
  const window = reviewWindow({ from: query.from, to: query.to }, incident.revokedAt, new Date());
  const [clients, rows, members, deliveries, webhook] = await Promise.all([
    listAppClients(member.organizationId, key.id),
    reviewActivity({ organizationId: member.organizationId, keyId: key.id, from: window.fromDate, to: window.toDate, revokedAt: incident.revokedAt }),
    listMembers(member.organizationId),
    listIncidentDeliveries(member.organizationId, incident.id),
    getWebhookEndpoint(member.organizationId),
  ]);
  const base = `/settings/secret-keys/${key.id}/compromised`;
  return (
    <>
      {header}
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
        Incident opened {exactUtc(incident.openedAt)}.{" "}
        {incident.status === "CLOSED" ? `Closed ${exactUtc(incident.closedAt!)}.` : "Each step is recorded with who did it and when."}{" "}
        <Link href={`${base}/report`} className="underline">
          Report (printable)
        </Link>{" "}
        ·{" "}
        <a href={`${base}/summary?format=md`} className="underline">
          Markdown
        </a>{" "}
        ·{" "}
        <a href={`${base}/summary?format=json`} className="underline">
          JSON
        </a>
      </p>
      <IncidentWizard
        incidentId={incident.id}
        keyName={incident.keyName}
        steps={incident.steps.map((s) => ({ step: s.step, actorLabel: s.actorLabel, createdAt: s.createdAt, details: s.details }))}
        clients={clients}
        review={{ rows, from: window.from, to: window.to, exportHref: `${base}/activity?${new URLSearchParams({ from: window.from, to: window.to })}` }}
        memberCount={members.length}
        channels={{ webhook: webhookLabel(webhook?.url ?? null, can(member.role, "settings.manage")), emailEnabled: smtpConfig() !== null }}
        deliveries={deliveries}
        successor={rotatedTo ? { id: rotatedTo.id, label: `${rotatedTo.displayPrefix}…${rotatedTo.lastFour}` } : null}
        noReplacement={revokedLiveKey(incident.steps) || can(member.role, "keys.create") ? null : NOT_LIVE_WHEN_REVOKED_MESSAGE}
      />
    </>
  );
}
