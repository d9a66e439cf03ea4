"use client";

import { useState, useTransition } from "react";
import { RelativeTime } from "@/components/relative-time";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { deleteKeyAction } from "../actions";

export type DeletableKey = { id: string; name: string; lastUsedAt: Date | null };

export function DeleteKeyDialog({
  target,
  now,
  onClose,
  onDeleted,
}: {
  target: DeletableKey | null;
  now: Date;
  onClose: () => void;
  onDeleted: (name: string) => void;
}) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();

  function close() {
    setMessage(undefined);
    onClose();
  }

  return (
    <Dialog open={target !== null} onClose={close} title={target ? `Delete “${target.name}”?` : "Delete key"}>
      {target && (
        <>
          <FormAlert message={message} />
          <p className="text-sm">
            Last used: <strong><RelativeTime date={target.lastUsedAt} now={now} never="never" /></strong>.
          </p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Every app using this key stops working immediately. This cannot be undone; the key stays in the audit log.
          </p>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close} disabled={pending}>Cancel</Button>
            <Button
              variant="danger"
              disabled={pending}
              onClick={() =>
                startTransition(async () => {
                  const result = await deleteKeyAction({ keyId: target.id });
                  if (!result.ok) return setMessage(result.message);
                  setMessage(undefined);
                  onDeleted(result.data.name);
                })
              }
            >
              {pending ? "Deleting…" : "Delete key"}
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
