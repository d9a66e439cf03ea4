"use client";

import { useState, useTransition } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { deleteKeyAction, deleteKeysAction } from "../actions";

export type DeletableKey = { id: string; name: string; lastUsedAt: Date | null };

// Confirms deleting one key or several, naming each with its last use.
export function DeleteKeysDialog({
  targets,
  now,
  onClose,
  onDeleted,
}: {
  targets: DeletableKey[] | null;
  now: Date;
  onClose: () => void;
  onDeleted: (names: string[]) => void;
}) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const runSensitive = useRunSensitive();
  const single = targets?.length === 1 ? targets[0] : null;
  const count = targets?.length ?? 0;
  const title = single ? `Delete “${single.name}”?` : `Delete ${count} keys?`;

  function close() {
    setMessage(undefined);
    onClose();
  }

  function confirm() {
    if (!targets) return;
    startTransition(async () => {
      const result = single
        ? await runSensitive(() => deleteKeyAction({ keyId: single.id })).then((r) => (r.ok ? { ok: true as const, data: { names: [r.data.name] } } : r))
        : await runSensitive(() => deleteKeysAction({ keyIds: targets.map((key) => key.id) }));
      if (!result.ok) return setMessage(result.message);
      setMessage(undefined);
      onDeleted(result.data.names);
    });
  }

  return (
    <Dialog open={targets !== null} onClose={close} title={title}>
      <FormAlert message={message} />
      {single ? (
        <p className="text-sm">
          Last used:{" "}
          <strong>
            <RelativeTime date={single.lastUsedAt} now={now} never="never" />
          </strong>
          .
        </p>
      ) : (
        <ul
          className="max-h-64 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-700"
          aria-label="Keys to delete"
        >
          {targets?.map((key) => (
            <li key={key.id} className="flex justify-between gap-3 px-3 py-2">
              <span className="min-w-0 truncate font-medium">{key.name}</span>
              <span className="shrink-0 text-zinc-500 dark:text-zinc-400">
                last used <RelativeTime date={key.lastUsedAt} now={now} never="never" />
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Every app using {single ? "this key" : "these keys"} stops working immediately. This cannot be undone; the {single ? "key stays" : "keys stay"} in the
        audit log.
      </p>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={close} disabled={pending}>
          Cancel
        </Button>
        <Button variant="danger" disabled={pending || !targets} onClick={confirm}>
          {pending ? "Deleting…" : single ? "Delete key" : `Delete ${count} keys`}
        </Button>
      </div>
    </Dialog>
  );
}
