"use client";

import { useState, type FormEvent } from "react";
import { reauthenticateAction, startPasskeyReauthAction } from "@/app/settings/actions";
import { signWithPasskey } from "@/components/two-factor/passkey-browser";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";

type Method = "password" | "code";

// Asks for the password (or, withCode, a code from the authenticator app;
// withPasskey, one of the member's passkeys) before a dangerous action;
// onDone(true) once the server accepted it for this session.
// Not a transition of its own: it opens while the action that needs it is
// still pending in one, and React would keep this pending until that ends.
// withPassword false: an account that signs in with SSO only, whose one way
// to confirm (besides a passkey or code) is signing in again through SSO.
export function ReauthDialog({
  open,
  withPassword,
  withCode,
  withPasskey,
  onDone,
}: {
  open: boolean;
  withPassword: boolean;
  withCode: boolean;
  withPasskey: boolean;
  onDone: (confirmed: boolean) => void;
}) {
  const [pending, setPending] = useState(false);
  const [method, setMethod] = useState<Method>("password");
  const [message, setMessage] = useState<string>();
  const [fieldError, setFieldError] = useState<string[]>();

  function finish(confirmed: boolean) {
    setMessage(undefined);
    setFieldError(undefined);
    setMethod("password");
    onDone(confirmed);
  }

  function switchTo(next: Method) {
    setMethod(next);
    setMessage(undefined);
    setFieldError(undefined);
  }

  async function confirmWithPasskey() {
    setPending(true);
    setFieldError(undefined);
    const started = await startPasskeyReauthAction().catch(() => null);
    const signed = started?.ok ? await signWithPasskey(started.data.options) : null;
    const result = started?.ok && signed?.ok ? await reauthenticateAction({ method: "passkey", passkey: signed.response }).catch(() => null) : null;
    setPending(false);
    if (result?.ok) return finish(true);
    setMessage(
      (signed && !signed.ok ? signed.message : undefined) ??
        (started && !started.ok ? started.message : undefined) ??
        (result && !result.ok ? (result.fieldErrors?.passkey?.[0] ?? result.message) : undefined) ??
        "The server could not be reached. Try again.",
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const value = String(new FormData(form).get(method) ?? "");
    if (!value) return setFieldError([method === "password" ? "Enter your password." : "Enter the code."]);
    setPending(true);
    const input = method === "password" ? { method, password: value } : { method, code: value };
    const result = await reauthenticateAction(input).catch(() => null);
    setPending(false);
    if (!result?.ok) {
      const error = result?.fieldErrors?.[method];
      setFieldError(error);
      setMessage(error ? undefined : (result?.message ?? "The server could not be reached. Try again."));
      return;
    }
    form.reset();
    finish(true);
  }

  return (
    <Dialog
      open={open}
      onClose={() => finish(false)}
      title="Confirm it is you"
      description={`This action needs ${[withPassword ? "your password" : null, withPasskey ? "a passkey" : null, withCode ? "a code from your authenticator app" : null].filter(Boolean).join(" or ") || "a new sign-in"}. You will not be asked again in this browser for 10 minutes.`}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label={method === "password" ? "Password check" : "Code check"}>
        <FormAlert message={message} />
        {withPasskey && (
          <Button variant="secondary" onClick={confirmWithPasskey} disabled={pending}>
            Use a passkey
          </Button>
        )}
        {method === "password" && !withPassword ? (
          <p className="text-sm">
            Your account signs in with single sign-on and has no password here. Sign out, sign in again with SSO, then repeat this within 10 minutes.
          </p>
        ) : method === "password" ? (
          <TextField key="password" label="Your password" name="password" type="password" autoComplete="current-password" errors={fieldError} required />
        ) : (
          <TextField
            key="code"
            label="Code from your authenticator app"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={64}
            errors={fieldError}
            required
          />
        )}
        {withCode && (
          <button
            type="button"
            className="self-start text-sm text-indigo-700 underline dark:text-indigo-300"
            onClick={() => switchTo(method === "password" ? "code" : "password")}
          >
            {method === "password" ? "Use a code from your authenticator app instead" : "Use your password instead"}
          </button>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => finish(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Checking…" : "Confirm"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
