"use client";

import { useState, useTransition, type FormEvent } from "react";
import { confirmAppEnrolmentAction, startAppEnrolmentAction } from "@/app/settings/security/actions";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { RecoveryCodesView } from "./recovery-codes-view";

type Enrolment = { secret: string; qr: { size: number; path: string } };

// The secret in groups of four, as authenticator apps show typed keys.
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

// Sets up an authenticator app: a QR code (and the key as text), the first
// code to confirm it, then the recovery codes, once. onDone runs after the
// member has confirmed storing the codes.
export function AuthenticatorSetup({ onDone }: { onDone: () => void }) {
  const runSensitive = useRunSensitive();
  const [pending, startTransition] = useTransition();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();
  const [message, setMessage] = useState<string>();
  const [codeError, setCodeError] = useState<string[]>();

  function start() {
    startTransition(async () => {
      const result = await runSensitive(() => startAppEnrolmentAction());
      if (!result.ok) return setMessage(result.message);
      setMessage(undefined);
      setEnrolment({ secret: result.data.secret, qr: result.data.qr });
    });
  }

  function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    if (!code) return setCodeError(["Enter the 6-digit code your app shows."]);
    startTransition(async () => {
      const result = await runSensitive(() => confirmAppEnrolmentAction({ code }));
      if (!result.ok) {
        setCodeError(result.fieldErrors?.code);
        setMessage(result.fieldErrors?.code ? undefined : result.message);
        if (result.code === "CONFLICT") setEnrolment(undefined);
        return;
      }
      setEnrolment(undefined);
      // Recovery codes come with the first second factor only.
      if (result.data.recoveryCodes) setRecoveryCodes(result.data.recoveryCodes);
      else onDone();
    });
  }

  if (recoveryCodes) return <RecoveryCodesView codes={recoveryCodes} onDone={onDone} />;

  if (!enrolment) {
    return (
      <div className="flex flex-col gap-3">
        <FormAlert message={message} />
        <Button onClick={start} disabled={pending} className="self-start">
          {pending ? "Starting…" : "Set up an authenticator app"}
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={confirm} noValidate aria-label="Set up an authenticator app" className="flex max-w-xl flex-col gap-4">
      <FormAlert message={message} />
      <ol className="flex list-decimal flex-col gap-4 pl-5 text-sm">
        <li>
          <p>Scan this QR code with an authenticator app (1Password, Google Authenticator, Microsoft Authenticator, Authy…).</p>
          <svg
            role="img"
            aria-label="QR code for your authenticator app"
            viewBox={`-2 -2 ${enrolment.qr.size + 4} ${enrolment.qr.size + 4}`}
            className="mt-2 size-48 rounded bg-white"
            shapeRendering="crispEdges"
          >
            <path d={enrolment.qr.path} fill="#000" />
          </svg>
          <p className="mt-2">
            Cannot scan it? Enter this key in the app instead:{" "}
            <code data-testid="authenticator-key" className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono break-all dark:bg-zinc-800">
              {grouped(enrolment.secret)}
            </code>
          </p>
        </li>
        <li>
          <TextField
            label="Enter the 6-digit code the app shows"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={64}
            errors={codeError}
          />
        </li>
      </ol>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Turn on two-factor sign-in"}
        </Button>
        <Button variant="secondary" onClick={() => setEnrolment(undefined)} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
