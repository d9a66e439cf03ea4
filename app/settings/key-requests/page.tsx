import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { SegmentedLinks } from "@/components/ui/segmented-links";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { listKeyRequestsInput } from "@/lib/key-requests/key-request-input";
import { listKeyRequests } from "@/lib/key-requests/list-key-requests";
import { REQUEST_STATES } from "@/lib/key-requests/request-state";
import { getOrganizationSettings } from "@/lib/organization/get-organization-settings";
import { KeyRequestList } from "./_components/key-request-list";

export const metadata: Metadata = { title: "Key requests" };

const FILTERS = ["all", ...REQUEST_STATES] as const;
const FILTER_LABELS: Record<(typeof FILTERS)[number], string> = {
  all: "All",
  pending: "Pending",
  approved: "Approved",
  issued: "Issued",
  denied: "Denied",
  withdrawn: "Withdrawn",
  expired: "Expired",
  lapsed: "Lapsed",
};

export default async function KeyRequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMemberPage();
  const { state } = listKeyRequestsInput.parse({ state: (await searchParams).state });
  const now = new Date();
  const [{ requests, pendingCount, truncated }, organization] = await Promise.all([
    listKeyRequests({ viewer: member, state, now }),
    getOrganizationSettings(member.organizationId),
  ]);
  return (
    <>
      <PageHeader
        title="Key requests"
        description={
          organization.requireProductionApproval
            ? "Production keys are created and rotated through requests: an approver decides, then the requester reveals the key once."
            : "Approval for production keys is off; an owner can turn it on in Security settings. Earlier requests stay listed here."
        }
      />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <SegmentedLinks
          label="Show requests"
          options={FILTERS.map((filter) => ({
            href: filter === "all" ? "/settings/key-requests" : `/settings/key-requests?state=${filter}`,
            label: filter === "pending" && pendingCount > 0 ? `${FILTER_LABELS[filter]} (${pendingCount})` : FILTER_LABELS[filter],
            current: filter === state,
          }))}
        />
      </div>
      <KeyRequestList
        requests={requests}
        empty={
          <EmptyState title={state === "all" ? "No key requests yet" : `Nothing here: no request is ${FILTER_LABELS[state].toLowerCase()}`}>
            {can(member.role, "keys.create") && organization.requireProductionApproval
              ? "Create a production key on the Secret Keys page to request one."
              : "Requests appear here when someone asks for a production key."}
          </EmptyState>
        }
      />
      {truncated && <p className="mt-3 text-sm text-zinc-500 dark:text-zinc-400">Showing the 100 most recent; filter by status to see others.</p>}
    </>
  );
}
