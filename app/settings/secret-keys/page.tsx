import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireMemberPage } from "@/lib/auth/current-member";

export const metadata: Metadata = { title: "Secret Keys" };

export default async function SecretKeysPage() {
  await requireMemberPage();
  return (
    <>
      <PageHeader
        title="Secret Keys"
        description="Keys authenticate your services to the platform's SDK and REST API. Use one key per environment."
      />
      <EmptyState title="No secret keys yet">
        Keys your organization creates will be listed here with their scope, permission, environment and when they were last used.
      </EmptyState>
    </>
  );
}
