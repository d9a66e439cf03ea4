import type { Metadata } from "next";
import { AuthCard } from "@/components/auth-card";
import { smtpConfig } from "@/lib/email/smtp-config";
import { ForgotPasswordForm } from "./_components/forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  if (!smtpConfig()) {
    return (
      <AuthCard title="Forgot your password?" description="This server does not send email, so it cannot send you a reset link.">
        <p className="text-sm">
          Ask an owner of your organization: they can remove you and add you again, which gives you a link to choose a new password.{" "}
          <a href="/signin" className="font-medium text-indigo-700 underline dark:text-indigo-300">
            Back to sign-in
          </a>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Forgot your password?" description="Enter the email you sign in with. We will email you a link to choose a new password.">
      <ForgotPasswordForm />
    </AuthCard>
  );
}
