import type { Metadata } from "next";
import { LocalTime } from "@/components/local-time";
import { PageHeader } from "@/components/page-header";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/members/list-members";
import { AddMemberForm } from "./_components/add-member-form";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const member = await requireMemberPage();
  const members = await listMembers(member.organizationId);
  return (
    <>
      <PageHeader title="Members" description={`People in ${member.organizationName} and their roles.`} />
      <div className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-zinc-200 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">Name</th>
              <th scope="col" className="px-4 py-3 font-medium">Email</th>
              <th scope="col" className="px-4 py-3 font-medium">Role</th>
              <th scope="col" className="px-4 py-3 font-medium">Joined</th>
            </tr>
          </thead>
          <tbody>
            {members.map((row) => (
              <tr key={row.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                <td className="px-4 py-3 font-medium">{row.name}</td>
                <td className="px-4 py-3">{row.email}</td>
                <td className="px-4 py-3">{ROLE_LABELS[row.role]}</td>
                <td className="px-4 py-3"><LocalTime date={row.joinedAt} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {can(member.role, "members.manage") && (
        <section aria-labelledby="add-member-heading" className="mt-6 rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="add-member-heading" className="mb-4 font-semibold">Add a member</h2>
          <AddMemberForm />
        </section>
      )}
    </>
  );
}
