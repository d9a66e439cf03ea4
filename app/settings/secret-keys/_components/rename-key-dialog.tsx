"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { zodFieldErrors } from "@/lib/action-result";
import type { FieldErrors } from "@/lib/errors";
import { renameKeyInput } from "@/lib/keys/key-input";
import { renameKeyAction } from "../actions";

export function RenameKeyDialog({ target, onClose, onRenamed }: { target: { id: string; name: string } | null; onClose: () => void; onRenamed: () => void }) {
  const [name, setName] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();

  // A new target starts a fresh form.
  const [shownFor, setShownFor] = useState(target);
  if (target !== shownFor) {
    setShownFor(target);
    setName(target?.name ?? "");
    setFieldErrors({});
    setMessage(undefined);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!target) return;
    const parsed = renameKeyInput.safeParse({ keyId: target.id, name });
    if (!parsed.success) return setFieldErrors(zodFieldErrors(parsed.error));
    startTransition(async () => {
      const result = await renameKeyAction(parsed.data);
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setMessage(result.message);
        return;
      }
      onRenamed();
    });
  }

  return (
    <Dialog open={target !== null} onClose={onClose} title="Rename key" description="The secret stays the same; only the name you see changes.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <FormAlert message={message} />
        <TextField
          label="Name"
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxChars={100}
          singleLine
          errors={fieldErrors.name}
        />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
