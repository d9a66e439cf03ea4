"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { zodFieldErrors } from "@/lib/action-result";
import { forgotPasswordInput } from "@/lib/auth/forgot-password-input";
import type { FieldErrors } from "@/lib/errors";
import { requestPasswordResetAction } from "../actions";

export function ForgotPasswordForm() {
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [sent, setSent] = useState<string>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = forgotPasswordInput.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      return;
    }
    setFieldErrors({});
    startTransition(async () => {
      const result = await requestPasswordResetAction(parsed.data);
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        return setMessage(result.message);
      }
      setMessage(undefined);
      setSent(result.data.message);
    });
  }

  if (sent) {
    return (
      <div className="flex flex-col gap-3 text-sm">
        <p role="status">{sent}</p>
        <a href="/signin" className="font-medium text-indigo-700 underline dark:text-indigo-300">
          Back to sign-in
        </a>
      </div>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Reset your password">
      <FormAlert message={message} />
      <TextField label="Email" name="email" type="email" autoComplete="username" errors={fieldErrors.email} required />
      <Button type="submit" disabled={pending} className="mt-2">
        {pending ? "Sending…" : "Email me a link"}
      </Button>
      <a href="/signin" className="text-sm text-indigo-700 underline dark:text-indigo-300">
        Back to sign-in
      </a>
    </form>
  );
}
