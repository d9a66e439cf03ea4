import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { ENROL_TWO_FACTOR_PATH, getSignedInMember } from "@/lib/auth/current-member";
import { smtpConfig } from "@/lib/email/smtp-config";
import { isSetupComplete } from "@/lib/setup/setup-state";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (!(await isSetupComplete())) redirect("/setup");
  const member = await getSignedInMember();
  if (member) redirect(member.mustEnrolTwoFactor ? ENROL_TWO_FACTOR_PATH : "/settings/secret-keys");
  return (
    <AuthCard title="Sign in" description="Use the email and password of your Secret Keys account.">
      <SignInForm canResetPassword={smtpConfig() !== null} />
    </AuthCard>
  );
}
