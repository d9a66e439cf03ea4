"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { zodFieldErrors } from "@/lib/action-result";
import { SECOND_FACTOR_PROMPT, signInInput, type SignInInput } from "@/lib/auth/sign-in-input";
import type { FieldErrors } from "@/lib/errors";

const FALLBACK_MESSAGE = "That email and password do not match an account.";
const THROTTLED_MESSAGE = "Too many failed sign-ins. Wait a moment and try again.";

type Credentials = Omit<SignInInput, "code">;

// Email and password, then, for an account with two-factor sign-in, a code.
// The password stays in this component's memory only until the code step
// ends. With canResetPassword (the server sends email), a "Forgot password?"
// link. initialMessage: why a single sign-on came back refused.
export function SignInForm({ canResetPassword, initialMessage }: { canResetPassword: boolean; initialMessage?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | undefined>(initialMessage);
  const [codeStep, setCodeStep] = useState(false);
  const credentials = useRef<Credentials>(undefined);
  const codeForm = useRef<HTMLFormElement>(null);

  // The code step takes over the form: its field gets the focus.
  useEffect(() => {
    if (codeStep) codeForm.current?.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
  }, [codeStep]);

  function send(input: SignInInput) {
    startTransition(async () => {
      const result = await signIn("credentials", { ...input, redirect: false });
      if (result?.status === 429) {
        // The server's message says how long to wait ("Try again in 2 minutes.").
        setMessage(result.error ?? THROTTLED_MESSAGE);
        return;
      }
      if (result?.error === SECOND_FACTOR_PROMPT) {
        setCodeStep(true);
        setMessage(undefined);
        return;
      }
      if (!result?.ok || result.error) {
        // next-auth reports a plain failed authorize() as "CredentialsSignin".
        const error = !result?.error || result.error === "CredentialsSignin" ? FALLBACK_MESSAGE : result.error;
        if (codeStep) setFieldErrors({ code: [error] });
        else setMessage(error);
        return;
      }
      credentials.current = undefined;
      router.replace("/settings/secret-keys");
      router.refresh();
    });
  }

  function submitPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = signInInput.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      setMessage(undefined);
      return;
    }
    setFieldErrors({});
    credentials.current = { email: parsed.data.email, password: parsed.data.password };
    send(parsed.data);
  }

  function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    if (!code) return setFieldErrors({ code: ["Enter the code."] });
    if (!credentials.current) return setCodeStep(false);
    setFieldErrors({});
    send({ ...credentials.current, code });
  }

  if (codeStep) {
    return (
      <form ref={codeForm} onSubmit={submitCode} noValidate aria-label="Two-factor code" className="flex flex-col gap-4">
        <FormAlert message={message} />
        <p className="text-sm">{SECOND_FACTOR_PROMPT}</p>
        <TextField label="Code" name="code" autoComplete="one-time-code" inputMode="numeric" maxLength={64} errors={fieldErrors.code} required />
        <Button type="submit" disabled={pending} className="mt-2">
          {pending ? "Checking…" : "Continue"}
        </Button>
        <Button
          variant="ghost"
          onClick={() => {
            credentials.current = undefined;
            setCodeStep(false);
            setFieldErrors({});
            setMessage(undefined);
          }}
        >
          Use another account
        </Button>
      </form>
    );
  }

  return (
    <form onSubmit={submitPassword} noValidate className="flex flex-col gap-4">
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
