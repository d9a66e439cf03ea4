"use client";

import { useState, type FormEvent } from "react";
import { reauthenticateAction } from "@/app/settings/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";

// Asks for the password before a dangerous action; onDone(true) once the
// server accepted it for this session.
// Not a transition of its own: it opens while the action that needs it is
// still pending in one, and React would keep this pending until that ends.
export function ReauthDialog({ open, onDone }: { open: boolean; onDone: (confirmed: boolean) => void }) {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string>();
  const [fieldError, setFieldError] = useState<string[]>();

  function finish(confirmed: boolean) {
    setMessage(undefined);
    setFieldError(undefined);
    onDone(confirmed);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const password = String(new FormData(form).get("password") ?? "");
    if (!password) return setFieldError(["Enter your password."]);
    setPending(true);
    const result = await reauthenticateAction({ method: "password", password }).catch(() => null);
    setPending(false);
    if (!result?.ok) {
      setFieldError(result?.fieldErrors?.password);
      setMessage(result?.fieldErrors?.password ? undefined : (result?.message ?? "The server could not be reached. Try again."));
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
      description="This action needs your password. You will not be asked again in this browser for 10 minutes."
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Password check">
        <FormAlert message={message} />
        <TextField label="Your password" name="password" type="password" autoComplete="current-password" errors={fieldError} required />
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
