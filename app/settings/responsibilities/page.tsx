import type { Metadata } from "next";
import { PrintButton } from "@/components/print-button";
import { PageHeader } from "@/components/page-header";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/members/list-members";
import { holdersOf } from "@/lib/responsibilities/named-people";
import { organizationRaci } from "@/lib/responsibilities/organization-raci";
import { RESPONSIBILITIES, RESPONSIBILITY_INFO } from "@/lib/responsibilities/responsibilities";
import { LocalTime } from "@/components/local-time";
import { lastDigest } from "@/lib/hygiene/send-digests";
import { SendDigestButton } from "./_components/send-digest-button";
import { NamedPeopleForm } from "./_components/named-people-form";
import { RaciTable } from "./_components/raci-table";

export const metadata: Metadata = { title: "Responsibilities" };

export default async function ResponsibilitiesPage() {
  const member = await requireMemberPage();
  const canManage = can(member.role, "settings.manage");
  const [{ organization, named, matrix }, members, digest] = await Promise.all([
    organizationRaci(member.organizationId),
    listMembers(member.organizationId),
    lastDigest(member.organizationId),
  ]);
  return (
    <>
      <PageHeader
        title="Responsibilities"
        description="Who creates keys, who approves production credentials, who owns billing and who is told of a compromise. Role letters follow what each role may do in this panel, so they are always true."
        actions={
          <div className="flex flex-wrap gap-2 print:hidden">
            <a
              href="/settings/responsibilities/export?format=md"
              className="rounded-md border border-zinc-300 px-3.5 py-2 text-sm font-medium dark:border-zinc-700"
              download
            >
              Download Markdown
            </a>
            <a
              href="/settings/responsibilities/export?format=csv"
              className="rounded-md border border-zinc-300 px-3.5 py-2 text-sm font-medium dark:border-zinc-700"
              download
            >
              Download CSV
            </a>
            <PrintButton />
          </div>
        }
      />
      <p className="mb-4 hidden text-sm print:block">
        {organization.name} · printed {new Date().toISOString().slice(0, 10)}
      </p>
      <p className="mb-4 text-sm" data-testid="approval-status">
        Approval for production keys is <strong>{organization.requireProductionApproval ? "required" : "off"}</strong>
        {organization.requireProductionApproval ? "." : " (an owner can require it in Security settings)."}
      </p>
      <RaciTable matrix={matrix} />
      <section aria-labelledby="named-heading" className="mt-8">
        <h2 id="named-heading" className="mb-3 font-semibold">
          Named people
        </h2>
        <div className="grid gap-4 lg:grid-cols-3">
          {RESPONSIBILITIES.map((responsibility) => {
            const holders = holdersOf(named, responsibility);
            const info = RESPONSIBILITY_INFO[responsibility];
            return (
              <div key={responsibility} className="rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
                <h3 className="font-medium">{info.label}</h3>
                <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{info.description}</p>
                {canManage ? (
                  <NamedPeopleForm
                    responsibility={responsibility}
                    label={info.label}
                    many={info.many}
                    candidates={members
                      .filter((m) => info.roles.includes(m.role))
                      .map((m) => ({ membershipId: m.id, name: m.name, email: m.email, chosen: holders.some((h) => h.userId === m.userId) }))}
                  />
                ) : (
                  <p className="mt-2 text-sm">{holders.length > 0 ? holders.map((h) => `${h.name} (${h.email})`).join(", ") : "No one named."}</p>
                )}
              </div>
            );
          })}
        </div>
        {!canManage && <p className="mt-3 text-sm text-zinc-500 dark:text-zinc-400 print:hidden">Only an owner can name people.</p>}
      </section>
      <section
        aria-labelledby="digest-heading"
        className="mt-8 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900 print:hidden"
      >
        <h2 id="digest-heading" className="font-semibold">
          Key-hygiene digest
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Once a month, each key owner is told of their stale keys, keys due for rotation, keys expiring within 14 days and open requests; the security contact
          and billing owner (the owners, if neither is named) get the organization-wide version. In the app, and by email when email is set up.
        </p>
        <p className="mt-2 text-sm" data-testid="last-digest">
          {digest ? (
            <>
              Last sent <LocalTime date={digest.sentAt} /> to {digest.recipients} {digest.recipients === 1 ? "person" : "people"}
              {digest.period ? ` (monthly, ${digest.period})` : " (on demand)"}.
            </>
          ) : (
            "Not sent yet: the first monthly digest goes out at the start of next month."
          )}
        </p>
        {canManage && <SendDigestButton />}
      </section>
    </>
  );
}
