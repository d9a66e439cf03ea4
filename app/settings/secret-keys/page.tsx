import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { countLiveKeys } from "@/lib/keys/count-live-keys";
import { parseListKeysQuery } from "@/lib/keys/list-keys-query";
import { listKeys } from "@/lib/keys/list-keys";
import { listMembers } from "@/lib/members/list-members";
import { getOrganizationSettings } from "@/lib/organization/get-organization-settings";
import { getDailyRequests } from "@/lib/usage/get-daily-requests";
import { SecretKeysView } from "./_components/secret-keys-view";

export const metadata: Metadata = { title: "Secret Keys" };

export default async function SecretKeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMemberPage();
  const query = parseListKeysQuery(await searchParams);
  const now = new Date();
  const [list, liveKeys, organization, members] = await Promise.all([
    listKeys(member.organizationId, query, now, { viewerId: member.userId }),
    countLiveKeys(member.organizationId),
    getOrganizationSettings(member.organizationId),
    listMembers(member.organizationId),
  ]);
  // One query for the page's sparklines, never one per row.
  const recentRequests = await getDailyRequests({ organizationId: member.organizationId, keyIds: list.rows.map((row) => row.id), now });
  return (
    <>
      <PageHeader
        title="Secret Keys"
        description="Keys authenticate your services to the platform's SDK and REST API. Use one key per environment, rotate production and CI/CD keys every 90 days, and delete keys nobody uses."
      />
      <SecretKeysView
        rows={list.rows}
        recentRequests={recentRequests}
        total={list.total}
        page={list.page}
        pageCount={list.pageCount}
        groups={list.groups}
        members={members.map(({ userId, name, email }) => ({ userId, name, email })).sort((a, b) => a.name.localeCompare(b.name))}
        currentUserId={member.userId}
        organizationHasKeys={liveKeys > 0}
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
