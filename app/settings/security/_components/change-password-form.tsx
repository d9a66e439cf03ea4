"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { zodFieldErrors } from "@/lib/action-result";
import { changePasswordInput } from "@/lib/auth/change-password-input";
import { NEW_PASSWORD_HINT } from "@/lib/auth/new-password";
import type { FieldErrors } from "@/lib/errors";
import { changePasswordAction } from "../actions";

// Changes the signed-in member's own password; the current one is asked.
export function ChangePasswordForm() {
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setNotice(undefined);
    const parsed = changePasswordInput.safeParse(Object.fromEntries(new FormData(form)));
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      setMessage(undefined);
      return;
    }
    startTransition(async () => {
      const result = await changePasswordAction(parsed.data);
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? undefined : result.message);
        return;
      }
      form.reset();
      setFieldErrors({});
      setMessage(undefined);
      const ended = result.data.otherSessionsEnded;
      setNotice(`Password changed.${ended > 0 ? ` ${ended} other session${ended === 1 ? " was" : "s were"} signed out.` : ""}`);
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Change your password" className="grid max-w-xl gap-4">
      <FormAlert message={message} />
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" errors={fieldErrors.currentPassword} />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        errors={fieldErrors.newPassword}
        hint={NEW_PASSWORD_HINT}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Changing…" : "Change password"}
        </Button>
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {notice}
        </p>
      </div>
    </form>
  );
}
