import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { ENROL_TWO_FACTOR_PATH, getSignedInMember } from "@/lib/auth/current-member";
import { smtpConfig } from "@/lib/email/smtp-config";
import { isSetupComplete } from "@/lib/setup/setup-state";
import { isSsoConfigured } from "@/lib/sso/sso-config";
import { signInPageMessage } from "@/lib/sso/sso-refusals";
import { SignInForm } from "./_components/sign-in-form";
import { SsoSignInButton } from "./_components/sso-sign-in-button";

export const metadata: Metadata = { title: "Sign in" };

// An SSO refusal or failure comes back here with ?sso=<reason> or
// next-auth's ?error=<code>; only our own fixed messages are shown.
// ?password=saved: arriving from a set-password or reset link whose account
// still has to sign in (a second factor, say).
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await isSetupComplete())) redirect("/setup");
  const member = await getSignedInMember();
  if (member) redirect(member.mustEnrolTwoFactor ? ENROL_TWO_FACTOR_PATH : "/settings/secret-keys");
  const sso = isSsoConfigured();
  const params = await searchParams;
  const ssoMessage = signInPageMessage(params);
  const passwordSaved = params.password === "saved";
  return (
    <AuthCard
      title="Sign in"
      description={
        sso
          ? "Use single sign-on, or the email and password of your Secret Keys account, or a passkey."
          : "Use the email and password of your Secret Keys account, or a passkey."
      }
    >
      {passwordSaved && (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
          Your new password is saved. Sign in with it.
        </p>
      )}
      {sso && (
        <div className="mb-6 flex flex-col gap-3">
          <SsoSignInButton />
          <p className="text-center text-xs text-zinc-500 dark:text-zinc-400">or with your password</p>
        </div>
      )}
      <SignInForm canResetPassword={smtpConfig() !== null} initialMessage={ssoMessage} />
    </AuthCard>
  );
}
