"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeleteKeysDialog, type DeletableKey } from "../../_components/delete-keys-dialog";
import { RenameKeyDialog } from "../../_components/rename-key-dialog";
import { RevealKeyDialog } from "../../_components/reveal-key-dialog";
import { requestSentNotice } from "../../_components/key-labels";
import { RotateKeyDialog, type RotatedKey } from "../../_components/rotate-key-dialog";
import type { MemberOption } from "../../_components/owner-select";
import { EditKeyDetailsDialog, type KeyDetails } from "./edit-key-details-dialog";

type Props = {
  keyInfo: DeletableKey & { environment: string };
  now: Date;
  canRename: boolean;
  canDelete: boolean;
  canRotate: boolean;
  approvalRequired: boolean;
  // Given to roles that may change a key's owner, team and description.
  edit?: { details: KeyDetails; members: MemberOption[]; currentUserId: string };
};

export function KeyDetailActions({ keyInfo, now, canRename, canDelete, canRotate, approvalRequired, edit }: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [revealed, setRevealed] = useState<RotatedKey | null>(null);
  const [notice, setNotice] = useState<string>();
  if (!canRename && !canDelete && !canRotate && !edit) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-400">
        {notice}
      </p>
      {canRotate && (
        <Button variant="secondary" onClick={() => setRotating(true)}>
          Rotate
        </Button>
      )}
      {canRename && (
        <Button variant="secondary" onClick={() => setRenaming(true)}>
          Rename
        </Button>
      )}
      {edit && (
        <Button variant="secondary" onClick={() => setEditing(true)}>
          Edit details
        </Button>
      )}
      {canDelete && (
        <Button variant="danger" onClick={() => setDeleting(true)}>
          Delete
        </Button>
      )}
      <RotateKeyDialog
        target={rotating ? keyInfo : null}
        onClose={() => setRotating(false)}
        onRotated={(rotated) => {
          setRotating(false);
          setRevealed(rotated);
        }}
        approvalRequired={approvalRequired}
        onRequested={({ approvers }) => {
          setRotating(false);
          setNotice(requestSentNotice(approvers));
        }}
      />
      <RevealKeyDialog
        secret={revealed?.secret ?? null}
        keyName={revealed?.name ?? ""}
        onDone={() => {
          setRevealed(null);
          router.refresh();
        }}
      />
      <RenameKeyDialog
        target={renaming ? keyInfo : null}
        onClose={() => setRenaming(false)}
        onRenamed={() => {
          setRenaming(false);
          router.refresh();
        }}
      />
      {edit && (
        <EditKeyDetailsDialog
          target={editing ? edit.details : null}
          members={edit.members}
          currentUserId={edit.currentUserId}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            router.refresh();
          }}
        />
      )}
      <DeleteKeysDialog
        targets={deleting ? [keyInfo] : null}
        now={now}
        onClose={() => setDeleting(false)}
        onDeleted={() => {
          setDeleting(false);
          router.refresh();
        }}
      />
    </div>
  );
}
