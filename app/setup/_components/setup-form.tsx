"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { zodFieldErrors } from "@/lib/action-result";
import type { FieldErrors } from "@/lib/errors";
import { MIN_PASSWORD_LENGTH, setupInput } from "@/lib/setup/setup-input";
import { completeSetupAction } from "../actions";

export function SetupForm({ setupToken }: { setupToken: string }) {
  const router = useRouter();
  // The token stays in this form, not in the address bar or history.
  useEffect(() => window.history.replaceState(null, "", "/setup"), []);
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = setupInput.safeParse(values);
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      setMessage(undefined);
      return;
    }
    startTransition(async () => {
      const result = await completeSetupAction(parsed.data, setupToken);
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setMessage(result.message);
        return;
      }
      const signedIn = await signIn("credentials", {
        email: parsed.data.email,
        password: parsed.data.password,
        redirect: false,
      });
      if (signedIn?.error) {
        router.replace("/signin");
        return;
      }
      router.replace("/settings/secret-keys");
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <FormAlert message={message} />
      <TextField
        label="Organization name"
        name="organizationName"
        autoComplete="organization"
        maxChars={100}
        singleLine
        errors={fieldErrors.organizationName}
        required
      />
      <TextField label="Your name" name="name" autoComplete="name" maxChars={100} singleLine errors={fieldErrors.name} required />
      <TextField label="Email" name="email" type="email" autoComplete="email" errors={fieldErrors.email} required />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        errors={fieldErrors.password}
        required
      />
      <Button type="submit" disabled={pending} className="mt-2">
        {pending ? "Creating…" : "Create organization"}
      </Button>
    </form>
  );
}
