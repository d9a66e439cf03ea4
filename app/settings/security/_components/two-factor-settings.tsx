"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { LocalTime } from "@/components/local-time";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { AuthenticatorSetup } from "@/components/two-factor/authenticator-setup";
import { RecoveryCodesView } from "@/components/two-factor/recovery-codes-view";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import type { FieldErrors } from "@/lib/errors";
import { regenerateRecoveryCodesAction, removeAuthenticatorAppAction } from "../actions";

type Status = { enabledAt: Date | null; unusedRecoveryCodes: number; required: boolean };

// The member's own two-factor sign-in: set it up, make new recovery codes,
// or remove it (password and a code).
export function TwoFactorSettings({ status }: { status: Status }) {
  const router = useRouter();
  const runSensitive = useRunSensitive();
  const [pending, startTransition] = useTransition();
  const [codes, setCodes] = useState<string[]>();
  const [message, setMessage] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [removing, setRemoving] = useState(false);

  if (!status.enabledAt) {
    return (
      <div className="flex flex-col gap-3">
        <p className="text-sm">
          <span className="font-medium">Off.</span> Add a code from an authenticator app on your phone to every sign-in, so your password alone is not enough.
        </p>
        <AuthenticatorSetup onDone={() => router.refresh()} />
      </div>
    );
  }

  if (codes) return <RecoveryCodesView codes={codes} onDone={() => setCodes(undefined)} />;

  function regenerate() {
    startTransition(async () => {
      const result = await runSensitive(() => regenerateRecoveryCodesAction());
      if (!result.ok) return setMessage(result.message);
      setMessage(undefined);
      setCodes(result.data.recoveryCodes);
    });
  }

  function remove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await removeAuthenticatorAppAction({ password: form.get("password"), code: form.get("code") });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? undefined : result.message);
        return;
      }
      setRemoving(false);
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm" data-testid="two-factor-status">
        <span className="font-medium">On</span> with an authenticator app since <LocalTime date={status.enabledAt} />. {status.unusedRecoveryCodes} of 10
        recovery codes unused.
      </p>
      <FormAlert message={message} />
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={regenerate} disabled={pending}>
          Make new recovery codes
        </Button>
        {!status.required && !removing && (
          <Button variant="secondary" onClick={() => setRemoving(true)} disabled={pending}>
            Remove authenticator app
          </Button>
        )}
      </div>
      {status.required && <p className="text-sm text-zinc-600 dark:text-zinc-400">Your organization requires two-factor sign-in, so it stays on.</p>}
      {removing && (
        <form onSubmit={remove} noValidate aria-label="Remove authenticator app" className="grid max-w-xl gap-4">
          <p className="text-sm">Your password alone will sign you in again. Confirm with your password and a current code.</p>
          <TextField label="Your password" name="password" type="password" autoComplete="current-password" errors={fieldErrors.password} />
          <TextField label="Code from your app, or a recovery code" name="code" autoComplete="one-time-code" errors={fieldErrors.code} />
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Removing…" : "Remove"}
            </Button>
            <Button variant="secondary" onClick={() => setRemoving(false)} disabled={pending}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
