import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireMemberPage } from "@/lib/auth/current-member";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  await requireMemberPage();
  return (
    <>
      <PageHeader title="Audit log" description="Who did what to your organization's keys, and when." />
      <EmptyState title="No events yet">Key changes are recorded here as they happen.</EmptyState>
    </>
  );
}
