"use client";

import { useState, useTransition, type FormEvent } from "react";
import { LocalTime } from "@/components/local-time";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import type { PasskeySummary } from "@/lib/passkeys/manage-passkeys";
import { removePasskeyAction, renamePasskeyAction } from "../actions";

// The member's passkeys: name, when added and last used; rename or remove each.
export function PasskeyList({ passkeys }: { passkeys: PasskeySummary[] }) {
  if (passkeys.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No passkeys yet.</p>;
  return (
    <ul aria-label="Your passkeys" className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
      {passkeys.map((passkey) => (
        <PasskeyRow key={passkey.id} passkey={passkey} />
      ))}
    </ul>
  );
}

function PasskeyRow({ passkey }: { passkey: PasskeySummary }) {
  const runSensitive = useRunSensitive();
  const [pending, startTransition] = useTransition();
  const [renaming, setRenaming] = useState(false);
  const [message, setMessage] = useState<string>();
  const [nameError, setNameError] = useState<string[]>();

  function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    startTransition(async () => {
      const result = await renamePasskeyAction({ passkeyId: passkey.id, name });
      if (!result.ok) return setNameError(result.fieldErrors?.name ?? [result.message]);
      setNameError(undefined);
      setRenaming(false);
    });
  }

  function remove() {
    startTransition(async () => {
      const result = await runSensitive(() => removePasskeyAction({ passkeyId: passkey.id }));
      setMessage(result.ok ? undefined : result.message);
    });
  }

  return (
    <li className="flex flex-col gap-2 p-3 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium break-words">{passkey.name}</p>
          <p className="text-zinc-500 dark:text-zinc-400">
            Added <LocalTime date={passkey.createdAt} />
            {passkey.lastUsedAt ? (
              <>
                {" "}
                · last used <LocalTime date={passkey.lastUsedAt} />
              </>
            ) : (
              " · not used yet"
            )}
            {passkey.backedUp ? " · synced" : ""}
          </p>
        </div>
        {!renaming && (
          <div className="flex gap-2">
            <Button variant="secondary" onClick={() => setRenaming(true)} disabled={pending} aria-label={`Rename ${passkey.name}`}>
              Rename
            </Button>
            <Button variant="secondary" onClick={remove} disabled={pending} aria-label={`Remove ${passkey.name}`}>
              Remove
            </Button>
          </div>
        )}
      </div>
      {renaming && (
        <form onSubmit={rename} noValidate aria-label={`Rename ${passkey.name}`} className="flex flex-wrap items-end gap-2">
          <TextField label="New name" name="name" defaultValue={passkey.name} maxLength={60} errors={nameError} />
          <Button type="submit" disabled={pending}>
            Save
          </Button>
          <Button variant="secondary" onClick={() => setRenaming(false)} disabled={pending}>
            Cancel
          </Button>
        </form>
      )}
      <p aria-live="polite" className="text-red-600 dark:text-red-400">
        {message}
      </p>
    </li>
  );
}
