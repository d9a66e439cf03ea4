"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { LocalTime } from "@/components/local-time";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { AuthenticatorSetup } from "@/components/two-factor/authenticator-setup";
import { PasskeySetup } from "@/components/two-factor/passkey-setup";
import { RecoveryCodesView } from "@/components/two-factor/recovery-codes-view";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import type { FieldErrors } from "@/lib/errors";
import type { TwoFactorStatus } from "@/lib/two-factor/two-factor-status";
import { regenerateRecoveryCodesAction, removeAuthenticatorAppAction } from "../actions";
import { PasskeyList } from "./passkey-list";

// The member's own second factors: an authenticator app, passkeys, and the
// recovery codes that stand in for them.
export function TwoFactorSettings({ status }: { status: TwoFactorStatus }) {
  const router = useRouter();
  const hasAny = Boolean(status.appEnabledAt) || status.passkeys.length > 0;
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm" data-testid="two-factor-summary">
        {hasAny
          ? "On: signing in with your password also asks for a passkey or a code from your app."
          : "Off: your password alone signs you in. Add a passkey or an authenticator app so that it is not enough."}
      </p>
      <section aria-labelledby="passkeys-heading" className="flex flex-col gap-3">
        <h3 id="passkeys-heading" className="font-medium">
          Passkeys
        </h3>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Sign in with your fingerprint, face, device PIN or a security key instead of a password and code. Passkeys cannot be phished.
        </p>
        <PasskeyList passkeys={status.passkeys} />
        <PasskeySetup onDone={() => router.refresh()} />
      </section>
      <section aria-labelledby="app-heading" className="flex flex-col gap-3">
        <h3 id="app-heading" className="font-medium">
          Authenticator app
        </h3>
        {status.appEnabledAt ? (
          <AppEnabled enabledAt={status.appEnabledAt} onlyFactor={status.required && status.passkeys.length === 0} />
        ) : (
          <AuthenticatorSetup onDone={() => router.refresh()} />
        )}
      </section>
      {hasAny && <RecoveryCodes unused={status.unusedRecoveryCodes} />}
    </div>
  );
}

function AppEnabled({ enabledAt, onlyFactor }: { enabledAt: Date; onlyFactor: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [removing, setRemoving] = useState(false);
  const [message, setMessage] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  function remove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await removeAuthenticatorAppAction({ password: form.get("password"), code: form.get("code") });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        return setMessage(result.fieldErrors ? undefined : result.message);
      }
      setRemoving(false);
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm" data-testid="two-factor-status">
        <span className="font-medium">On</span> since <LocalTime date={enabledAt} />.
      </p>
      {onlyFactor ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Your organization requires two-factor sign-in: add a passkey before removing the app.</p>
      ) : (
        !removing && (
          <Button variant="secondary" onClick={() => setRemoving(true)} className="self-start">
            Remove authenticator app
          </Button>
        )
      )}
      {removing && (
        <form onSubmit={remove} noValidate aria-label="Remove authenticator app" className="grid max-w-xl gap-4">
          <FormAlert message={message} />
          <p className="text-sm">Confirm with your password and a current code from the app.</p>
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

function RecoveryCodes({ unused }: { unused: number }) {
  const runSensitive = useRunSensitive();
  const [pending, startTransition] = useTransition();
  const [codes, setCodes] = useState<string[]>();
  const [message, setMessage] = useState<string>();

  function regenerate() {
    startTransition(async () => {
      const result = await runSensitive(() => regenerateRecoveryCodesAction());
      if (!result.ok) return setMessage(result.message);
      setMessage(undefined);
      setCodes(result.data.recoveryCodes);
    });
  }

  return (
    <section aria-labelledby="recovery-heading" className="flex flex-col gap-3">
      <h3 id="recovery-heading" className="font-medium">
        Recovery codes
      </h3>
      {codes ? (
        <RecoveryCodesView codes={codes} onDone={() => setCodes(undefined)} />
      ) : (
        <>
          <p className="text-sm" data-testid="recovery-codes-left">
            {unused} of 10 unused. Each signs you in once if you lose your passkeys and phone.
          </p>
          <FormAlert message={message} />
          <Button variant="secondary" onClick={regenerate} disabled={pending} className="self-start">
            Make new recovery codes
          </Button>
        </>
      )}
    </section>
  );
}
