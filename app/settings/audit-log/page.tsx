import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { CELL_CLASS, ROW_CLASS, TableHead, TableShell } from "@/components/ui/table";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from "@/lib/audit/audit-actions";
import { auditSearchParams, parseAuditQuery } from "@/lib/audit/audit-query";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { exactUtc } from "@/lib/format/relative-time";
import { listMembers } from "@/lib/members/list-members";
import { AuditEventText } from "../secret-keys/[id]/_components/audit-event-text";
import { VerifyChainButton } from "./_components/verify-chain-button";

export const metadata: Metadata = { title: "Audit log" };

const fieldClass = "rounded-md border border-zinc-300 bg-white px-2.5 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const labelClass = "flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-400";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMemberPage();
  if (!can(member.role, "audit.view")) {
    return (
      <>
        <PageHeader title="Audit log" />
        <EmptyState title="Not available to your role">Owners, admins and security leads can read the audit log.</EmptyState>
      </>
    );
  }
  const query = parseAuditQuery(await searchParams);
  const [{ rows, total, page, pageCount }, members] = await Promise.all([listAuditEvents(member.organizationId, query), listMembers(member.organizationId)]);
  const { page: _page, ...filters } = query;
  const exportHref = `/settings/audit-log/export?${auditSearchParams(filters)}`;
  const pageHref = (target: number) => `/settings/audit-log?${auditSearchParams({ ...filters, page: target })}`;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to your organization's keys, members and settings, and every sign-in. Events cannot be changed or removed, and each is chained to the one before it."
        actions={<VerifyChainButton />}
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter events">
        <label className={labelClass}>
          Actor
          <select name="actor" defaultValue={query.actor ?? ""} className={fieldClass}>
            <option value="">Anyone</option>
            {members.map((m) => (
              <option key={m.id} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Action
          <select name="action" defaultValue={query.action ?? ""} className={fieldClass}>
            <option value="">Any</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        </label>
        <label className={labelClass}>
          Key (id or prefix)
          <input name="key" defaultValue={query.key ?? ""} maxLength={64} className={fieldClass} placeholder="skml_live_…" />
        </label>
        <label className={labelClass}>
          From (UTC)
          <input type="date" name="from" defaultValue={query.from ?? ""} className={fieldClass} />
        </label>
        <label className={labelClass}>
          To (UTC)
          <input type="date" name="to" defaultValue={query.to ?? ""} className={fieldClass} />
        </label>
        <button type="submit" className="rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          Apply
        </button>
        <Link href="/settings/audit-log" className="px-2 py-2 text-sm text-zinc-600 hover:underline dark:text-zinc-400">
          Clear
        </Link>
        <a
          href={exportHref}
          className="ml-auto rounded-md border border-zinc-300 px-3.5 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          download
        >
          Export CSV
        </a>
      </form>

      {rows.length === 0 ? (
        <EmptyState title="No events match">Try other filters.</EmptyState>
      ) : (
        <TableShell>
          <TableHead columns={[{ label: "#" }, { label: "When (UTC)" }, { label: "Actor" }, { label: "Event" }, { label: "Key" }, { label: "From" }]} />
          <tbody>
            {rows.map((event) => (
              <tr key={event.id} className={ROW_CLASS}>
                <td className={`${CELL_CLASS} tabular-nums text-zinc-500 dark:text-zinc-400`}>{event.sequence}</td>
                <td className={`${CELL_CLASS} whitespace-nowrap`}>{exactUtc(event.createdAt)}</td>
                <td className={CELL_CLASS}>{event.actorLabel}</td>
                <td className={CELL_CLASS}>
                  <AuditEventText action={event.action} details={event.details} />
                </td>
                <td className={CELL_CLASS}>
                  {event.keyId ? (
                    <Link href={`/settings/secret-keys/${event.keyId}`} className="font-mono text-xs hover:underline">
                      {event.keyPrefix}…
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className={`${CELL_CLASS} whitespace-nowrap`} title={event.userAgent ?? undefined}>
                  {event.ipAddress ?? "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </TableShell>
      )}
      <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-3 text-sm">
        <p>
          {total.toLocaleString("en")} event{total === 1 ? "" : "s"}
        </p>
        <div className="flex items-center gap-2">
          {page > 1 && (
            <Link href={pageHref(page - 1)} className="rounded-md border border-zinc-300 px-3 py-1.5 dark:border-zinc-700">
              Newer
            </Link>
          )}
          <span>
            Page {page} of {pageCount}
          </span>
          {page < pageCount && (
            <Link href={pageHref(page + 1)} className="rounded-md border border-zinc-300 px-3 py-1.5 dark:border-zinc-700">
              Older
            </Link>
          )}
        </div>
      </nav>
    </>
  );
}
