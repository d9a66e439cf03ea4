import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";
import { PasswordLinkForm } from "@/components/password-link-form";
import { describeSetPasswordLinkAction, setPasswordAction } from "./actions";

// The token is in the fragment; no-referrer is also sent for every page
// (next.config.ts), so the address of this page never travels on.
export const metadata: Metadata = { title: "Choose your password", referrer: "no-referrer" };

export default function SetPasswordPage() {
  return (
    <AuthCard title="Choose your password" description="An owner of your organization added you to Secret Keys. Choose the password you will sign in with.">
      <PasswordLinkForm describe={describeSetPasswordLinkAction} submit={setPasswordAction} action="Save password and sign in" />
    </AuthCard>
  );
}
