"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { zodFieldErrors } from "@/lib/action-result";
import type { FieldErrors } from "@/lib/errors";
import { updateKeyDetailsInput } from "@/lib/keys/key-input";
import { updateKeyDetailsAction } from "../../actions";
import { KeyDetailsFields, type KeyDetails as EditableDetails } from "../../_components/key-details-fields";
import type { MemberOption } from "../../_components/owner-select";

export type KeyDetails = { id: string; name: string; ownerId: string | null; ownerActive: boolean; team: string | null; description: string | null };

// Owner, team and description of one key. A key whose owner left starts
// with no owner chosen, so it is never handed to someone by accident.
export function EditKeyDetailsDialog({
  target,
  members,
  currentUserId,
  onClose,
  onSaved,
}: {
  target: KeyDetails | null;
  members: MemberOption[];
  currentUserId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [details, setDetails] = useState<EditableDetails>({ ownerId: "", team: "", description: "" });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();

  // A new target starts a fresh form.
  const [shownFor, setShownFor] = useState(target);
  if (target !== shownFor) {
    setShownFor(target);
    setDetails({ ownerId: target?.ownerActive && target.ownerId ? target.ownerId : "", team: target?.team ?? "", description: target?.description ?? "" });
    setFieldErrors({});
    setMessage(undefined);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!target) return;
    const parsed = updateKeyDetailsInput.safeParse({ keyId: target.id, ...details });
    if (!parsed.success) return setFieldErrors(zodFieldErrors(parsed.error));
    startTransition(async () => {
      const result = await updateKeyDetailsAction(parsed.data);
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setMessage(result.message);
        return;
      }
      onSaved();
    });
  }

  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title="Edit key details"
      description="Who answers for this key, and what uses it. The secret does not change."
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <FormAlert message={message} />
        <KeyDetailsFields
          members={members}
          currentUserId={currentUserId}
          value={details}
          onChange={(change) => setDetails((current) => ({ ...current, ...change }))}
          errors={fieldErrors}
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
