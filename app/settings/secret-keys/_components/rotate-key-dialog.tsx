"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { TextArea } from "@/components/ui/text-area";
import { DEFAULT_ROTATION_GRACE, ROTATION_GRACE_LABELS, ROTATION_GRACE_PERIODS, type RotationGrace } from "@/lib/keys/key-rotation";
import { requestRotationAction } from "../../key-requests/actions";
import { rotateKeyAction } from "../actions";

export type RotatedKey = { name: string; secret: string; oldKeyExpiresAt: Date };

// Asks when the current secret should stop working, then rotates; the new
// secret goes to onRotated for the reveal-once dialog. Where production keys
// need approval, it sends a request instead (onRequested).
export function RotateKeyDialog({
  target,
  onClose,
  onRotated,
  onRequested,
  approvalRequired,
}: {
  target: { id: string; name: string; environment: string } | null;
  onClose: () => void;
  onRotated: (rotated: RotatedKey) => void;
  onRequested: (requested: { name: string; approvers: number }) => void;
  approvalRequired: boolean;
}) {
  const [grace, setGrace] = useState<RotationGrace>(DEFAULT_ROTATION_GRACE);
  const [reason, setReason] = useState("");
  const [reasonErrors, setReasonErrors] = useState<string[]>();
  const [message, setMessage] = useState<string>();
  const asRequest = approvalRequired && target?.environment === "PRODUCTION";
  const [pending, startTransition] = useTransition();
  const runSensitive = useRunSensitive();

  // A new target starts with the default grace period.
  const [shownFor, setShownFor] = useState(target);
  if (target !== shownFor) {
    setShownFor(target);
    setGrace(DEFAULT_ROTATION_GRACE);
    setReason("");
    setReasonErrors(undefined);
    setMessage(undefined);
  }

  function rotate() {
    if (!target) return;
    if (asRequest) {
      startTransition(async () => {
        const result = await requestRotationAction({ keyId: target.id, grace, reason });
        if (!result.ok) {
          setReasonErrors(result.fieldErrors?.reason);
          return setMessage(result.message);
        }
        onRequested({ name: target.name, approvers: result.data.approvers });
      });
      return;
    }
    startTransition(async () => {
      const result = await runSensitive(() => rotateKeyAction({ keyId: target.id, grace }));
      if (!result.ok) return setMessage(result.message);
      onRotated({ name: result.data.key.name, secret: result.data.secret, oldKeyExpiresAt: result.data.oldKeyExpiresAt });
    });
  }

  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={target ? `${asRequest ? "Request a rotation of" : "Rotate"} “${target.name}”?` : "Rotate key"}
      description="You get a new secret with the same name, scopes and permission. Put it in your apps, then let the current secret run out."
    >
      <FormAlert message={message} />
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium">The current secret stops working</legend>
        <div className="grid grid-cols-2 gap-2">
          {ROTATION_GRACE_PERIODS.map((value) => (
            <label
              key={value}
              className="flex items-center gap-2 rounded-md border border-zinc-200 px-3 py-2 text-sm has-checked:border-indigo-500 has-checked:bg-indigo-50 dark:border-zinc-700 dark:has-checked:bg-indigo-950"
            >
              <input type="radio" name="grace" value={value} checked={grace === value} onChange={() => setGrace(value)} className="accent-indigo-600" />
              {ROTATION_GRACE_LABELS[value]}
            </label>
          ))}
        </div>
        {grace === "now" && (
          <p className="mt-2 text-sm text-amber-700 dark:text-amber-400">Apps still using the current secret fail at once. Use this when it may have leaked.</p>
        )}
      </fieldset>
      {asRequest && (
        <div className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
          <p className="text-sm">
            Production keys need approval in your organization. Once an approver agrees, you reveal the new secret on the Key requests page; the current one
            keeps working until then, and for the period chosen above.
          </p>
          <TextArea label="Reason" name="reason" value={reason} onChange={(e) => setReason(e.target.value)} maxChars={1000} errors={reasonErrors} />
        </div>
      )}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={pending}>
          Cancel
        </Button>
        <Button onClick={rotate} disabled={pending}>
          {asRequest ? (pending ? "Sending…" : "Request rotation") : pending ? "Rotating…" : "Rotate key"}
        </Button>
      </div>
    </Dialog>
  );
}
