import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { ReauthProvider } from "@/components/reauth/reauth-provider";
import { requireMemberPage } from "@/lib/auth/current-member";
import { SignOutButton } from "@/app/settings/_components/sign-out-button";
import { EnrolTwoFactor } from "./_components/enrol-two-factor";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };

// Where a member lands while their organization requires two-factor sign-in
// and they have no second factor: nothing else opens until they set one up.
export default async function EnrolTwoFactorPage() {
  const member = await requireMemberPage({ enrolling: true });
  if (!member.mustEnrolTwoFactor) redirect("/settings/security");
  return (
    <AuthCard
      title="Set up two-factor sign-in"
      description={`${member.organizationName} requires two-factor sign-in: a passkey, or a code from an authenticator app with your password. Set one up to continue.`}
    >
      <ReauthProvider>
        <EnrolTwoFactor />
      </ReauthProvider>
      <div className="mt-6 flex items-center justify-between gap-3 border-t border-zinc-200 pt-4 text-sm dark:border-zinc-800">
        <span className="truncate text-zinc-600 dark:text-zinc-400">Signed in as {member.email}</span>
        <SignOutButton />
      </div>
    </AuthCard>
  );
}
