import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { ENROL_TWO_FACTOR_PATH, getSignedInMember } from "@/lib/auth/current-member";
import { smtpConfig } from "@/lib/email/smtp-config";
import { isSetupComplete } from "@/lib/setup/setup-state";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

// ?password=saved: arriving from a set-password or reset link whose account
// still has to sign in (a second factor, say).
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ password?: string | string[] }> }) {
  const passwordSaved = (await searchParams).password === "saved";
  if (!(await isSetupComplete())) redirect("/setup");
  const member = await getSignedInMember();
  if (member) redirect(member.mustEnrolTwoFactor ? ENROL_TWO_FACTOR_PATH : "/settings/secret-keys");
  return (
    <AuthCard title="Sign in" description="Use the email and password of your Secret Keys account, or a passkey.">
      {passwordSaved && (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
          Your new password is saved. Sign in with it.
        </p>
      )}
      <SignInForm canResetPassword={smtpConfig() !== null} />
    </AuthCard>
  );
}
