import type { Metadata } from "next";
import { LocalTime } from "@/components/local-time";
import { PageHeader } from "@/components/page-header";
import { CELL_CLASS, ROW_CLASS, TableHead, TableShell } from "@/components/ui/table";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can, OPERATION_LABELS, OPERATIONS, ROLE_LABELS } from "@/lib/auth/permissions";
import { ASSIGNABLE_ROLES } from "@/lib/members/add-member-input";
import { liveKeysByOwner } from "@/lib/keys/list-owned-keys";
import { listMembers } from "@/lib/members/list-members";
import { getOrganizationSettings } from "@/lib/organization/get-organization-settings";
import { AddMemberForm } from "./_components/add-member-form";
import { MemberControls } from "./_components/member-controls";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const member = await requireMemberPage();
  const [members, { requireTwoFactor }] = await Promise.all([listMembers(member.organizationId), getOrganizationSettings(member.organizationId)]);
  const canManage = can(member.role, "members.manage");
  // What a removal would hand over: each member's live keys (owners only).
  const ownedKeys = canManage ? await liveKeysByOwner(member.organizationId) : new Map();
  const people = members.map(({ userId, name, email }) => ({ userId, name, email }));
  return (
    <>
      <PageHeader title="Members" description={`People in ${member.organizationName} and their roles.`} />
      <TableShell>
        <TableHead columns={[{ label: "Name" }, { label: "Email" }, { label: "Role" }, { label: "Two-factor" }, { label: "Joined" }]} />
        <tbody>
          {members.map((row) => (
            <tr key={row.id} className={ROW_CLASS}>
              <td className={`${CELL_CLASS} font-medium`}>
                {row.name}
                {row.userId === member.userId && <span className="ml-1 text-xs font-normal text-zinc-500 dark:text-zinc-400">(you)</span>}
                {row.waitingForPassword && (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-normal text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                    No password yet
                  </span>
                )}
              </td>
              <td className={CELL_CLASS}>{row.email}</td>
              <td className={CELL_CLASS}>
                {canManage ? (
                  <MemberControls
                    member={{
                      id: row.id,
                      name: row.name,
                      email: row.email,
                      role: row.role,
                      isYou: row.userId === member.userId,
                      waitingForPassword: row.waitingForPassword,
                    }}
                    keys={ownedKeys.get(row.userId) ?? { keys: [], total: 0 }}
                    heirs={people.filter((person) => person.userId !== row.userId)}
                    currentUserId={member.userId}
                  />
                ) : (
                  ROLE_LABELS[row.role]
                )}
              </td>
              <td className={CELL_CLASS}>
                {row.secondFactors.length > 0 ? (
                  row.secondFactors.join(", ")
                ) : (
                  <span className={requireTwoFactor ? "font-medium text-amber-800 dark:text-amber-300" : "text-zinc-500 dark:text-zinc-400"}>
                    {requireTwoFactor ? "None (must set up)" : "None"}
                  </span>
                )}
              </td>
              <td className={CELL_CLASS}>
                <LocalTime date={row.joinedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </TableShell>
      <details className="mt-6 rounded-xl border border-zinc-200 bg-white p-4 text-sm sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <summary className="cursor-pointer font-semibold">What each role can do</summary>
        <TableShell className="mt-4">
          <TableHead columns={[{ label: "Permission" }, ...ASSIGNABLE_ROLES.map((role) => ({ label: ROLE_LABELS[role], className: "text-center" }))]} />
          <tbody>
            {OPERATIONS.map((operation) => (
              <tr key={operation} className={ROW_CLASS}>
                <td className={CELL_CLASS}>{OPERATION_LABELS[operation]}</td>
                {ASSIGNABLE_ROLES.map((role) => (
                  <td key={role} className={`${CELL_CLASS} text-center`}>
                    {can(role, operation) ? (
                      <span aria-label="yes">✓</span>
                    ) : (
                      <span aria-label="no" className="text-zinc-400">
                        —
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </TableShell>
      </details>
      {canManage && (
        <section
          aria-labelledby="add-member-heading"
          className="mt-6 rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <h2 id="add-member-heading" className="mb-4 font-semibold">
            Add a member
          </h2>
          <AddMemberForm />
        </section>
      )}
    </>
  );
}
