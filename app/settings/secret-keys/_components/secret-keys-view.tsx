"use client";

import { useRouter } from "next/navigation";
import type { RowSelectionState } from "@tanstack/react-table";
import { useState } from "react";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import type { ListKeysQuery } from "@/lib/keys/list-keys-query";
import { exactUtc } from "@/lib/format/relative-time";
import type { KeySummary } from "@/lib/keys/key-summary";
import type { BoundedCount } from "@/lib/keys/list-page";
import { ColumnsMenu } from "./columns-menu";
import { CreateKeyDialog } from "./create-key-dialog";
import { requestSentNotice } from "./key-labels";
import { KeyCards } from "./key-cards";
import type { KeyTableMeta } from "./key-columns";
import { DeleteKeysDialog } from "./delete-keys-dialog";
import { KeysPagination } from "./keys-pagination";
import { KeysTable } from "./keys-table";
import { KeysToolbar } from "./keys-toolbar";
import type { MemberOption } from "./owner-select";
import { RenameKeyDialog } from "./rename-key-dialog";
import { RevealKeyDialog } from "./reveal-key-dialog";
import { RotateKeyDialog } from "./rotate-key-dialog";
import { useColumnVisibility } from "./use-column-visibility";
import { useWideScreen } from "./use-wide-screen";
import { useKeysQuery } from "./use-keys-query";

export type SecretKeysViewProps = {
  rows: KeySummary[];
  // Requests per UTC day over the last 7 days, by key id (the sparklines).
  recentRequests: Record<string, number[]>;
  // Matching keys (exact up to a limit), and the page's place among them.
  total: BoundedCount;
  start: number;
  nextCursor: string | null;
  prevCursor: string | null;
  // Set when the URL's page position is not this list's.
  invalidCursor?: string;
  // Owner groups on this page and their counts over every page, when grouped by owner.
  groups: ({ group: string } & BoundedCount)[];
  // The organization's members (owners to choose and filter by) and the viewer.
  members: MemberOption[];
  currentUserId: string;
  organizationHasKeys: boolean;
  query: ListKeysQuery;
  now: Date;
  granularScopes: boolean;
  approvalRequired: boolean;
  canCreate: boolean;
  canRename: boolean;
  canDelete: boolean;
  canRotate: boolean;
  canRespond: boolean;
};

export function SecretKeysView(props: SecretKeysViewProps) {
  const router = useRouter();
  const { query, update, pending } = useKeysQuery(props.query);
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<{ secret: string; name: string; notice: string } | null>(null);
  const [rotating, setRotating] = useState<KeySummary | null>(null);
  const [renaming, setRenaming] = useState<KeySummary | null>(null);
  const [deleting, setDeleting] = useState<KeySummary[] | null>(null);
  const [notice, setNotice] = useState<string>();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  // New rows (filter, sort, paging, refresh): keep only the selected keys still shown.
  const [rowsShown, setRowsShown] = useState(props.rows);
  if (props.rows !== rowsShown) {
    setRowsShown(props.rows);
    setRowSelection((selected) => Object.fromEntries(props.rows.filter((row) => selected[row.id]).map((row) => [row.id, true])));
  }
  const selectedKeys = props.rows.filter((row) => rowSelection[row.id]);
  const [columnVisibility, setColumnVisible] = useColumnVisibility();
  const wide = useWideScreen();
  // The rows on screen are the server's: grouped only once it sent groups for them.
  const grouped = props.query.group === "owner";
  const selection = props.canDelete ? { state: rowSelection, onChange: setRowSelection } : undefined;
  const meta: KeyTableMeta = {
    now: props.now,
    recentRequests: props.recentRequests,
    canRename: props.canRename,
    canDelete: props.canDelete,
    canRotate: props.canRotate,
    canRespond: props.canRespond,
    onRename: setRenaming,
    onDelete: (key) => setDeleting([key]),
    onRotate: setRotating,
  };

  const createButton = props.canCreate && <Button onClick={() => setCreating(true)}>Create secret key</Button>;

  return (
    <>
      <div className="mb-4 flex items-center justify-between gap-3">
        <p aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-400">
          {notice}
        </p>
        {props.organizationHasKeys && createButton}
      </div>

      {props.organizationHasKeys ? (
        <>
          <KeysToolbar query={query} update={update} members={props.members}>
            <ColumnsMenu visibility={columnVisibility} onChange={setColumnVisible} />
          </KeysToolbar>
          {selectedKeys.length > 0 && (
            <div
              role="region"
              aria-label="Selection"
              className="mb-3 flex flex-wrap items-center gap-3 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm dark:border-indigo-900 dark:bg-indigo-950"
            >
              <span className="font-medium">{selectedKeys.length} selected</span>
              <Button variant="danger" onClick={() => setDeleting(selectedKeys)}>
                Delete selected
              </Button>
              <Button variant="ghost" onClick={() => setRowSelection({})}>
                Clear selection
              </Button>
            </div>
          )}
          {props.rows.length > 0 ? (
            <>
              {wide !== false && (
                <div className="hidden md:block">
                  <KeysTable
                    rows={props.rows}
                    query={query}
                    pending={pending}
                    update={update}
                    selection={selection}
                    meta={meta}
                    columnVisibility={columnVisibility}
                    groups={grouped ? props.groups : undefined}
                    currentUserId={props.currentUserId}
                  />
                </div>
              )}
              {wide !== true && (
                <div className="md:hidden">
                  <KeyCards
                    rows={props.rows}
                    meta={meta}
                    selection={selection}
                    groups={grouped ? props.groups : undefined}
                    currentUserId={props.currentUserId}
                  />
                </div>
              )}
            </>
          ) : props.invalidCursor ? (
            <div role="alert" className="rounded-xl border border-amber-300 bg-amber-50 p-6 text-sm dark:border-amber-800 dark:bg-amber-950">
              <p className="font-medium">{props.invalidCursor}</p>
              <Button variant="secondary" className="mt-3" onClick={() => update({ cursor: undefined })}>
                Go to the first page
              </Button>
            </div>
          ) : (
            <EmptyState title={props.start > 0 ? "No more keys" : "No keys match these filters"}>
              {props.start > 0 ? "Go back to the previous page." : "Try another search, or clear the filters."}
            </EmptyState>
          )}
          <KeysPagination
            query={query}
            shown={props.rows.length}
            start={props.start}
            total={props.total}
            nextCursor={props.nextCursor}
            prevCursor={props.prevCursor}
            update={update}
          />
        </>
      ) : (
        <EmptyState title="No secret keys yet">
          <p>Create a key for each app and environment that calls the platform: production, staging, development and CI/CD.</p>
          {createButton ? <div className="mt-4">{createButton}</div> : <p className="mt-2">Ask an owner or admin to create one.</p>}
        </EmptyState>
      )}

      <CreateKeyDialog
        open={creating}
        granularScopes={props.granularScopes}
        members={props.members}
        currentUserId={props.currentUserId}
        approvalRequired={props.approvalRequired}
        onRequested={({ approvers }) => {
          setCreating(false);
          setNotice(requestSentNotice(approvers));
        }}
        onClose={() => setCreating(false)}
        onCreated={({ key, secret }) => {
          setCreating(false);
          setRevealed({ secret, name: key.name, notice: `Key “${key.name}” created.` });
        }}
      />
      <RevealKeyDialog
        secret={revealed?.secret ?? null}
        keyName={revealed?.name ?? ""}
        onDone={() => {
          setNotice(revealed?.notice);
          setRevealed(null);
          router.refresh();
        }}
      />
      <RotateKeyDialog
        target={rotating}
        approvalRequired={props.approvalRequired}
        onRequested={({ approvers }) => {
          setRotating(null);
          setNotice(requestSentNotice(approvers));
        }}
        onClose={() => setRotating(null)}
        onRotated={({ name, secret, oldKeyExpiresAt }) => {
          setRotating(null);
          const ends = oldKeyExpiresAt <= new Date() ? "has stopped working" : `works until ${exactUtc(oldKeyExpiresAt)}`;
          setRevealed({ secret, name, notice: `Key “${name}” rotated. The previous secret ${ends}.` });
        }}
      />
      <RenameKeyDialog
        target={renaming}
        onClose={() => setRenaming(null)}
        onRenamed={() => {
          setNotice("Key renamed.");
          setRenaming(null);
          router.refresh();
        }}
      />
      <DeleteKeysDialog
        targets={deleting}
        now={props.now}
        onClose={() => setDeleting(null)}
        onDeleted={(names) => {
          setNotice(names.length === 1 ? `Key “${names[0]}” deleted.` : `${names.length} keys deleted.`);
          setDeleting(null);
          setRowSelection({});
          router.refresh();
        }}
      />
    </>
  );
}
