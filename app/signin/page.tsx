import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { getCurrentMember } from "@/lib/auth/current-member";
import { smtpConfig } from "@/lib/email/smtp-config";
import { isSetupComplete } from "@/lib/setup/setup-state";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (!(await isSetupComplete())) redirect("/setup");
  if (await getCurrentMember()) redirect("/settings/secret-keys");
  return (
    <AuthCard title="Sign in" description="Use the email and password of your Secret Keys account.">
      <SignInForm canResetPassword={smtpConfig() !== null} />
    </AuthCard>
  );
}
