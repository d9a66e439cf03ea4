"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { signWithPasskey } from "@/components/two-factor/passkey-browser";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { zodFieldErrors } from "@/lib/action-result";
import { SECOND_FACTOR_PROMPT, signInInput, type SignInInput } from "@/lib/auth/sign-in-input";
import type { FieldErrors } from "@/lib/errors";
import { startPasskeySignInAction } from "../actions";

const FALLBACK_MESSAGE = "That email and password do not match an account.";
const THROTTLED_MESSAGE = "Too many failed sign-ins. Wait a moment and try again.";

type Credentials = Pick<SignInInput, "email" | "password">;
type SignInResult = Awaited<ReturnType<typeof signIn>>;

// A passkey's signed answer to a fresh challenge (JSON), or why there is none.
async function passkeyAnswer(): Promise<{ answer: string } | { message: string }> {
  const started = await startPasskeySignInAction().catch(() => null);
  if (!started?.ok) return { message: started?.message ?? "The server could not be reached. Try again." };
  const signed = await signWithPasskey(started.data.options);
  if (!signed.ok) return { message: signed.message };
  return { answer: JSON.stringify(signed.response) };
}

// Email and password, then, for an account with two-factor sign-in, a code
// or a passkey; or a passkey alone. The password stays in this component's
// memory only until the second step ends. With canResetPassword (the server
// sends email), a "Forgot password?" link. initialMessage: why a single
// sign-on came back refused.
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

  // What the server answered: signed in, a second step, or why not.
  function settle(result: SignInResult, field?: "code") {
    if (result?.status === 429) return setMessage(result.error ?? THROTTLED_MESSAGE);
    if (result?.error === SECOND_FACTOR_PROMPT) {
      setCodeStep(true);
      return setMessage(undefined);
    }
    if (!result?.ok || result.error) {
      // next-auth reports a plain failed authorize() as "CredentialsSignin".
      const error = !result?.error || result.error === "CredentialsSignin" ? FALLBACK_MESSAGE : result.error;
      if (field) return setFieldErrors({ [field]: [error] });
      return setMessage(error);
    }
    credentials.current = undefined;
    router.replace("/settings/secret-keys");
    router.refresh();
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
    startTransition(async () => settle(await signIn("credentials", { ...credentials.current, redirect: false })));
  }

  function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    if (!code) return setFieldErrors({ code: ["Enter the code."] });
    const known = credentials.current;
    if (!known) return setCodeStep(false);
    setFieldErrors({});
    setMessage(undefined);
    startTransition(async () => settle(await signIn("credentials", { ...known, code, redirect: false }), "code"));
  }

  function withPasskey() {
    const known = codeStep ? credentials.current : undefined;
    if (codeStep && !known) return setCodeStep(false);
    setFieldErrors({});
    setMessage(undefined);
    startTransition(async () => {
      const passkey = await passkeyAnswer();
      if ("message" in passkey) return setMessage(passkey.message);
      // At the second step, the passkey goes with the password; else alone.
      settle(
        known
          ? await signIn("credentials", { ...known, passkey: passkey.answer, redirect: false })
          : await signIn("passkey", { passkey: passkey.answer, redirect: false }),
      );
    });
  }

  if (codeStep) {
    return (
      <form ref={codeForm} onSubmit={submitCode} noValidate aria-label="Two-factor code" className="flex flex-col gap-4">
        <FormAlert message={message} />
        <p className="text-sm">{SECOND_FACTOR_PROMPT}</p>
        <Button variant="secondary" onClick={withPasskey} disabled={pending}>
          Use a passkey
        </Button>
        <TextField label="Code" name="code" autoComplete="one-time-code" inputMode="numeric" maxLength={64} errors={fieldErrors.code} required />
        <Button type="submit" disabled={pending}>
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
      <TextField label="Email" name="email" type="email" autoComplete="username webauthn" errors={fieldErrors.email} required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" errors={fieldErrors.password} required />
      <Button type="submit" disabled={pending} className="mt-2">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <div className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400" aria-hidden="true">
        <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
        or
        <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      </div>
      <Button variant="secondary" onClick={withPasskey} disabled={pending}>
        Sign in with a passkey
      </Button>
      {canResetPassword && (
        <a href="/forgot-password" className="text-sm text-indigo-700 underline dark:text-indigo-300">
          Forgot password?
        </a>
      )}
    </form>
  );
}
