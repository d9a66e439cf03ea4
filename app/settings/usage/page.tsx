import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { SegmentedLinks } from "@/components/ui/segmented-links";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { activityRetentionDays } from "@/lib/config/activity-retention";
import { countKeysByHealth } from "@/lib/usage/count-keys-by-health";
import { getOrganizationUsage } from "@/lib/usage/get-organization-usage";
import { listTopKeys } from "@/lib/usage/list-top-keys";
import { parseUsageRange, RANGE_LABELS } from "@/lib/usage/usage-window";
import { EnvironmentChart } from "./_components/environment-chart";
import { KeyHealthTable } from "./_components/key-health-table";
import { TopKeysTable } from "./_components/top-keys-table";
import { UsageTotals } from "./_components/usage-totals";

export const metadata: Metadata = { title: "Usage" };

const RANGES = ["7d", "30d"] as const;

export default async function UsagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMemberPage();
  if (!can(member.role, "keys.view")) {
    return (
      <>
        <PageHeader title="Usage" />
        <EmptyState title="Not available to your role" />
      </>
    );
  }
  const range = parseUsageRange((await searchParams).range, RANGES, "7d");
  const now = new Date();
  const organizationId = member.organizationId;
  const [usage, topKeys, health] = await Promise.all([
    getOrganizationUsage({ organizationId, range, now }),
    listTopKeys({ organizationId, range, now }),
    countKeysByHealth({ organizationId, now }),
  ]);
  return (
    <>
      <PageHeader
        title="Usage"
        description="Verification requests with your organization's keys, counted per UTC day, and which keys are going stale or due for rotation."
        actions={
          <SegmentedLinks
            label="Usage period"
            options={RANGES.map((option) => ({ href: `/settings/usage?range=${option}`, label: RANGE_LABELS[option], current: option === range }))}
          />
        }
      />
      <UsageTotals usage={usage} />
      <EnvironmentChart usage={usage} retentionDays={activityRetentionDays()} />
      <TopKeysTable keys={topKeys} range={range} />
      <KeyHealthTable rows={health} />
    </>
  );
}
