import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";
import { PasswordLinkForm } from "@/components/password-link-form";
import { describeResetLinkAction, resetPasswordAction } from "./actions";

// The token is in the fragment; no-referrer is also sent for every page
// (next.config.ts), so the address of this page never travels on.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default function ResetPasswordPage() {
  return (
    <AuthCard title="Choose a new password" description="Saving it signs your account out of every browser, then signs you in here.">
      <PasswordLinkForm describe={describeResetLinkAction} submit={resetPasswordAction} action="Save password and sign in" />
    </AuthCard>
  );
}
