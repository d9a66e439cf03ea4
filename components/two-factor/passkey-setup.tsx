"use client";

import { useState, useTransition, type FormEvent } from "react";
import { finishPasskeyRegistrationAction, startPasskeyRegistrationAction } from "@/app/settings/security/actions";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { createPasskey } from "./passkey-browser";
import { RecoveryCodesView } from "./recovery-codes-view";

// Adds a passkey: a name for it, then the browser's own prompt (Touch ID,
// Windows Hello, a phone or a security key). The account's first second
// factor comes with recovery codes, shown once; onDone runs after.
export function PasskeySetup({ onDone }: { onDone: () => void }) {
  const runSensitive = useRunSensitive();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();
  const [nameError, setNameError] = useState<string[]>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    if (!name) return setNameError(["Name this passkey, like “Work laptop”."]);
    setNameError(undefined);
    startTransition(async () => {
      const started = await runSensitive(() => startPasskeyRegistrationAction());
      if (!started.ok) return setMessage(started.message);
      const created = await createPasskey(started.data.options);
      if (!created.ok) return setMessage(created.message);
      const finished = await runSensitive(() => finishPasskeyRegistrationAction({ name, response: created.response }));
      if (!finished.ok) {
        setNameError(finished.fieldErrors?.name);
        return setMessage(finished.fieldErrors?.name ? undefined : finished.message);
      }
      setMessage(undefined);
      form.reset();
      if (finished.data.recoveryCodes) setRecoveryCodes(finished.data.recoveryCodes);
      else onDone();
    });
  }

  if (recoveryCodes) return <RecoveryCodesView codes={recoveryCodes} onDone={onDone} />;

  return (
    <form onSubmit={add} noValidate aria-label="Add a passkey" className="flex max-w-xl flex-col gap-3">
      <FormAlert message={message} />
      <TextField label="Passkey name" name="name" placeholder="Work laptop" maxLength={60} errors={nameError} hint="So you can tell your passkeys apart." />
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Waiting for your passkey…" : "Add a passkey"}
      </Button>
    </form>
  );
}
