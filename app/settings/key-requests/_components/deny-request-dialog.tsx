"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { TextArea } from "@/components/ui/text-area";
import { decideKeyRequestAction } from "../actions";

// Denies a request with the reason its requester is told.
export function DenyRequestDialog({
  target,
  onClose,
  onDenied,
}: {
  target: { id: string; name: string } | null;
  onClose: () => void;
  onDenied: (name: string) => void;
}) {
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<string[]>();
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const [shownFor, setShownFor] = useState(target);
  if (target !== shownFor) {
    setShownFor(target);
    setReason("");
    setErrors(undefined);
    setMessage(undefined);
  }

  function deny() {
    if (!target) return;
    startTransition(async () => {
      const result = await decideKeyRequestAction({ requestId: target.id, decision: "deny", reason });
      if (!result.ok) {
        setErrors(result.fieldErrors?.reason);
        return setMessage(result.message);
      }
      onDenied(target.name);
    });
  }

  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={target ? `Deny “${target.name}”?` : "Deny request"}
      description="The requester is told, with your reason."
    >
      <FormAlert message={message} />
      <TextArea label="Reason" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} maxChars={1000} errors={errors} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button variant="danger" onClick={deny} disabled={pending}>
          {pending ? "Denying…" : "Deny request"}
        </Button>
      </div>
    </Dialog>
  );
}
