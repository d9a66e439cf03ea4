import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { parseListKeysQuery } from "@/lib/keys/list-keys-query";
import { AppError } from "@/lib/errors";
import { hasLiveKeys, listKeys, type KeyListPage } from "@/lib/keys/list-keys";
import { listMembers } from "@/lib/members/list-members";
import { getOrganizationSettings } from "@/lib/organization/get-organization-settings";
import { getDailyRequests } from "@/lib/usage/get-daily-requests";
import { SecretKeysView } from "./_components/secret-keys-view";

export const metadata: Metadata = { title: "Secret Keys" };

export default async function SecretKeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMemberPage();
  const query = parseListKeysQuery(await searchParams);
  const now = new Date();
  const [list, anyKeys, organization, members] = await Promise.all([
    // A cursor that is not this list's: said so, with the way back to page one.
    listKeys(member.organizationId, query, now, { viewerId: member.userId }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "INVALID_INPUT") return { invalid: error.message } as const;
      throw error;
    }),
    hasLiveKeys(member.organizationId),
    getOrganizationSettings(member.organizationId),
    listMembers(member.organizationId),
  ]);
  // One query for the page's sparklines, never one per row.
  const page: KeyListPage = "invalid" in list ? { rows: [], total: { count: 0, more: false }, start: 0, nextCursor: null, prevCursor: null, groups: [] } : list;
  const recentRequests = await getDailyRequests({ organizationId: member.organizationId, keyIds: page.rows.map((row) => row.id), now });
  return (
    <>
      <PageHeader
        title="Secret Keys"
        description="Keys authenticate your services to the platform's SDK and REST API. Use one key per environment, rotate production and CI/CD keys every 90 days, and delete keys nobody uses."
      />
      <SecretKeysView
        rows={page.rows}
        recentRequests={recentRequests}
        total={page.total}
        start={page.start}
        nextCursor={page.nextCursor}
        prevCursor={page.prevCursor}
        invalidCursor={"invalid" in list ? list.invalid : undefined}
        groups={page.groups}
        members={members.map(({ userId, name, email }) => ({ userId, name, email })).sort((a, b) => a.name.localeCompare(b.name))}
        currentUserId={member.userId}
        organizationHasKeys={anyKeys}
        query={query}
        now={now}
        granularScopes={organization.granularScopes}
        approvalRequired={organization.requireProductionApproval}
        canCreate={can(member.role, "keys.create")}
        canRename={can(member.role, "keys.rename")}
        canDelete={can(member.role, "keys.delete")}
        canRotate={can(member.role, "keys.rotate")}
        canRespond={can(member.role, "incidents.run")}
      />
    </>
  );
}
