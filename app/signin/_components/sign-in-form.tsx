"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { zodFieldErrors } from "@/lib/action-result";
import { signInInput } from "@/lib/auth/sign-in-input";
import type { FieldErrors } from "@/lib/errors";

const FALLBACK_MESSAGE = "That email and password do not match an account.";
const THROTTLED_MESSAGE = "Too many failed sign-ins. Wait a moment and try again.";

// With canResetPassword (the server sends email), a "Forgot password?" link;
// initialMessage: why a single sign-on came back refused.
export function SignInForm({ canResetPassword, initialMessage }: { canResetPassword: boolean; initialMessage?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | undefined>(initialMessage);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = signInInput.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      setMessage(undefined);
      return;
    }
    setFieldErrors({});
    startTransition(async () => {
      const result = await signIn("credentials", { ...parsed.data, redirect: false });
      if (result?.status === 429) {
        // The server's message says how long to wait ("Try again in 2 minutes.").
        setMessage(result.error ?? THROTTLED_MESSAGE);
        return;
      }
      if (!result?.ok || result.error) {
        // next-auth reports a plain failed authorize() as "CredentialsSignin".
        setMessage(!result?.error || result.error === "CredentialsSignin" ? FALLBACK_MESSAGE : result.error);
        return;
      }
      router.replace("/settings/secret-keys");
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <FormAlert message={message} />
      <TextField label="Email" name="email" type="email" autoComplete="username" errors={fieldErrors.email} required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" errors={fieldErrors.password} required />
      <Button type="submit" disabled={pending} className="mt-2">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      {canResetPassword && (
        <a href="/forgot-password" className="text-sm text-indigo-700 underline dark:text-indigo-300">
          Forgot password?
        </a>
      )}
    </form>
  );
}
