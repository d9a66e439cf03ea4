"use client";

import { useState, useTransition } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import type { KeySummary } from "@/lib/keys/key-summary";
import { deleteKeysAction } from "../actions";

// Confirms deleting the selected keys, naming each with its last use.
export function BulkDeleteDialog({
  targets,
  now,
  onClose,
  onDeleted,
}: {
  targets: KeySummary[] | null;
  now: Date;
  onClose: () => void;
  onDeleted: (names: string[]) => void;
}) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const count = targets?.length ?? 0;

  function close() {
    setMessage(undefined);
    onClose();
  }

  return (
    <Dialog open={targets !== null} onClose={close} title={`Delete ${count} ${count === 1 ? "key" : "keys"}?`}>
      <FormAlert message={message} />
      <ul className="max-h-64 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-700" aria-label="Keys to delete">
        {targets?.map((key) => (
          <li key={key.id} className="flex justify-between gap-3 px-3 py-2">
            <span className="min-w-0 truncate font-medium">{key.name}</span>
            <span className="shrink-0 text-zinc-500">
              last used <RelativeTime date={key.lastUsedAt} now={now} never="never" />
            </span>
          </li>
        ))}
      </ul>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Every app using these keys stops working immediately. This cannot be undone; the keys stay in the audit log.
      </p>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={close} disabled={pending}>Cancel</Button>
        <Button
          variant="danger"
          disabled={pending || !targets}
          onClick={() =>
            startTransition(async () => {
              const result = await deleteKeysAction({ keyIds: targets!.map((key) => key.id) });
              if (!result.ok) return setMessage(result.message);
              setMessage(undefined);
              onDeleted(result.data.names);
            })
          }
        >
          {pending ? "Deleting…" : `Delete ${count} ${count === 1 ? "key" : "keys"}`}
        </Button>
      </div>
    </Dialog>
  );
}
