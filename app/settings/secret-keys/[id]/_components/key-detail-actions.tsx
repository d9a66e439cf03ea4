"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DeleteKeyDialog, type DeletableKey } from "../../_components/delete-key-dialog";
import { RenameKeyDialog } from "../../_components/rename-key-dialog";

export function KeyDetailActions({ keyInfo, now, canRename, canDelete }: { keyInfo: DeletableKey; now: Date; canRename: boolean; canDelete: boolean }) {
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  if (!canRename && !canDelete) return null;
  return (
    <div className="flex gap-2">
      {canRename && <Button variant="secondary" onClick={() => setRenaming(true)}>Rename</Button>}
      {canDelete && <Button variant="danger" onClick={() => setDeleting(true)}>Delete</Button>}
      <RenameKeyDialog
        target={renaming ? keyInfo : null}
        onClose={() => setRenaming(false)}
        onRenamed={() => {
          setRenaming(false);
          router.refresh();
        }}
      />
      <DeleteKeyDialog
        target={deleting ? keyInfo : null}
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
