import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { isSetupComplete } from "@/lib/setup/setup-state";
import { SetupForm } from "./_components/setup-form";

export const metadata: Metadata = { title: "Set up" };

export default async function SetupPage() {
  if (await isSetupComplete()) notFound();
  return (
    <AuthCard
      title="Set up Secret Keys"
      description="Create your organization and its owner account. You can invite your team afterwards."
    >
      <SetupForm />
    </AuthCard>
  );
}
