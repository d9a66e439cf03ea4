import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { CELL_CLASS, ROW_CLASS, TableHead, TableShell } from "@/components/ui/table";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { activityRetentionDays } from "@/lib/config/activity-retention";
import { exactUtc } from "@/lib/format/relative-time";
import { getKeyWithHistory } from "@/lib/keys/get-key";
import { listKeyActivity } from "@/lib/keys/list-key-activity";
import { ACTION_LABELS, PERMISSION_LABELS, SCOPE_LABELS } from "@/lib/keys/key-model";
import { grantSummary, PERMISSION_DESCRIPTIONS } from "@/lib/keys/permission-table";
import { listMembers } from "@/lib/members/list-members";
import { getKeyUsage } from "@/lib/usage/get-key-usage";
import { parseUsageRange, USAGE_RANGES } from "@/lib/usage/usage-window";
import { EnvironmentBadge, MaskedKey, OwnerName, ScopeList } from "../_components/key-labels";
import { AuditEventText } from "./_components/audit-event-text";
import { KeyActivityTable } from "./_components/key-activity-table";
import { getOrganizationSettings } from "@/lib/organization/get-organization-settings";
import { KeyDetailActions } from "./_components/key-detail-actions";
import { KeyUsageChart } from "./_components/key-usage-chart";

export const metadata: Metadata = { title: "Secret key" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-3">
      <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="text-sm sm:col-span-2">{children}</dd>
    </div>
  );
}

export default async function KeyDetailPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const member = await requireMemberPage();
  const { id } = await params;
  const range = parseUsageRange((await searchParams).range, USAGE_RANGES, "24h");
  const canReadAudit = can(member.role, "audit.view");
  const found = await getKeyWithHistory(member.organizationId, id, { withAuditHistory: canReadAudit });
  if (!found) notFound();
  const { key, events, rotatedFrom, rotatedTo } = found;
  const now = new Date();
  const canEdit = can(member.role, "keys.edit") && !key.deletedAt;
  const [activity, usage, organization, members] = await Promise.all([
    listKeyActivity(member.organizationId, key.id),
    getKeyUsage({ organizationId: member.organizationId, keyId: key.id, range, now }),
    getOrganizationSettings(member.organizationId),
    canEdit ? listMembers(member.organizationId) : [],
  ]);
  const retentionDays = activityRetentionDays();
  const expired = key.expiresAt !== null && key.expiresAt <= now;
  const status = key.deletedAt ? (
    <Badge tone="red">Deleted</Badge>
  ) : expired ? (
    <Badge tone="red">Expired</Badge>
  ) : key.rotatedAt ? (
    <Badge tone="amber">Rotated</Badge>
  ) : (
    <Badge tone="green">Active</Badge>
  );

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/settings/secret-keys" className="text-indigo-600 hover:underline dark:text-indigo-400">
          Secret Keys
        </Link>
      </nav>
      <header className="mb-6 flex flex-wrap items-start gap-4">
        <div className="mr-auto">
          <h1 className="flex items-center gap-3 text-2xl font-semibold">
            {key.name} {status}
          </h1>
          <MaskedKey displayPrefix={key.displayPrefix} lastFour={key.lastFour} />
        </div>
        {can(member.role, "incidents.run") && (
          <Link
            href={`/settings/secret-keys/${key.id}/compromised`}
            className="rounded-md border border-red-300 px-3.5 py-2 text-sm font-medium text-red-700 hover:bg-red-50 dark:border-red-900 dark:text-red-300 dark:hover:bg-red-950"
          >
            {key.deletedAt ? "Compromise response" : "Report compromised"}
          </Link>
        )}
        {!key.deletedAt && (
          <KeyDetailActions
            keyInfo={{ id: key.id, name: key.name, lastUsedAt: key.lastUsedAt, environment: key.environment }}
            approvalRequired={organization.requireProductionApproval}
            now={now}
            canRename={can(member.role, "keys.rename") && !key.rotatedAt}
            canDelete={can(member.role, "keys.delete")}
            canRotate={can(member.role, "keys.rotate") && !key.rotatedAt}
            edit={
              canEdit
                ? {
                    details: { id: key.id, name: key.name, ownerId: key.ownerId, ownerActive: key.ownerActive, team: key.team, description: key.description },
                    members: members.map(({ userId, name, email }) => ({ userId, name, email })).sort((a, b) => a.name.localeCompare(b.name)),
                    currentUserId: member.userId,
                  }
                : undefined
            }
          />
        )}
      </header>

      <section
        aria-labelledby="settings-heading"
        className="mb-8 rounded-xl border border-zinc-200 bg-white px-4 sm:px-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="settings-heading" className="sr-only">
          Settings
        </h2>
        <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
          <Row label="Owner">
            <OwnerName {...key} />
          </Row>
          <Row label="Team">{key.team ?? <span className="text-zinc-500 dark:text-zinc-400">None</span>}</Row>
          <Row label="What uses it">
            {key.description ? <span className="break-words">{key.description}</span> : <span className="text-zinc-500 dark:text-zinc-400">Not described</span>}
          </Row>
          <Row label="Environment">
            <EnvironmentBadge environment={key.environment} />
          </Row>
          <Row label="Access scope">
            <ScopeList scopes={key.scopes} />
          </Row>
          <Row label="Permission">
            <p className="font-medium">{PERMISSION_LABELS[key.permission]}</p>
            <p className="text-zinc-600 dark:text-zinc-400">{PERMISSION_DESCRIPTIONS[key.permission]}</p>
            <ul className="mt-2 space-y-1" aria-label="Allowed actions">
              {grantSummary(key).map(({ scope, actions }) => (
                <li key={scope}>
                  <span className="font-medium">{SCOPE_LABELS[scope]}:</span> {actions.map((a) => ACTION_LABELS[a]).join(", ")}
                </li>
              ))}
            </ul>
          </Row>
          <Row label="Created">
            <span title={exactUtc(key.createdAt)}>{exactUtc(key.createdAt)}</span> by {key.createdByName ?? "a removed user"}
          </Row>
          <Row label="Last used">
            <RelativeTime date={key.lastUsedAt} now={now} />
          </Row>
          <Row label="Rate limit">{key.rateLimitPerMinute ? `${key.rateLimitPerMinute.toLocaleString("en")} requests per minute` : "No limit"}</Row>
          <Row label="Expires">
            {key.expiresAt ? (
              <>
                <RelativeTime date={key.expiresAt} now={now} /> ({exactUtc(key.expiresAt)})
              </>
            ) : (
              "Never"
            )}
          </Row>
          {key.deletedAt && <Row label="Deleted">{exactUtc(key.deletedAt)}</Row>}
          {key.rotatedAt && rotatedTo && (
            <Row label="Rotated">
              {exactUtc(key.rotatedAt)}; replaced by{" "}
              <Link href={`/settings/secret-keys/${rotatedTo.id}`} className="font-mono text-indigo-600 hover:underline dark:text-indigo-400">
                {rotatedTo.displayPrefix}…{rotatedTo.lastFour}
              </Link>
              . This secret {key.expiresAt && key.expiresAt <= now ? "has stopped working" : "keeps working until it expires"}.
            </Row>
          )}
          {rotatedFrom && (
            <Row label="Rotated from">
              <Link href={`/settings/secret-keys/${rotatedFrom.id}`} className="font-mono text-indigo-600 hover:underline dark:text-indigo-400">
                {rotatedFrom.displayPrefix}…{rotatedFrom.lastFour}
              </Link>
            </Row>
          )}
        </dl>
      </section>

      <KeyUsageChart keyId={key.id} usage={usage} retentionDays={retentionDays} />

      <section aria-labelledby="activity-heading" className="mb-8">
        <h2 id="activity-heading" className="mb-1 text-lg font-semibold">
          Recent activity
        </h2>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Requests that used this key, grouped by client, kept {retentionDays} days. New requests appear within a few seconds.
        </p>
        <KeyActivityTable rows={activity} retentionDays={retentionDays} />
      </section>

      {canReadAudit && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading" className="mb-3 text-lg font-semibold">
            History
          </h2>
          <TableShell>
            <TableHead columns={[{ label: "When (UTC)" }, { label: "Event" }, { label: "By" }, { label: "From" }]} />
            <tbody>
              {events.map((event) => (
                <tr key={event.id} className={ROW_CLASS}>
                  <td className={`${CELL_CLASS} whitespace-nowrap`}>{exactUtc(event.createdAt)}</td>
                  <td className={CELL_CLASS}>
                    <AuditEventText action={event.action} details={event.details} />
                  </td>
                  <td className={CELL_CLASS}>{event.actorLabel}</td>
                  <td className={CELL_CLASS}>{event.ipAddress ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </TableShell>
        </section>
      )}
    </>
  );
}
