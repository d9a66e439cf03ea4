"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { OwnedKey } from "@/lib/keys/list-owned-keys";
import { maskedKey } from "@/lib/keys/masked-key";
import { ASSIGNABLE_ROLES } from "@/lib/members/add-member-input";
import { OwnerSelect, type MemberOption } from "../../secret-keys/_components/owner-select";
import type { PasswordLinkDelivery } from "@/lib/members/set-password-link";
import { changeMemberRoleAction, issuePasswordLinkAction, removeMemberAction } from "../actions";
import { PasswordLinkNotice } from "./password-link-notice";

type Row = { id: string; name: string; email: string; role: (typeof ASSIGNABLE_ROLES)[number]; isYou: boolean; waitingForPassword: boolean };

const selectClass = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

// An owner's controls on one member: the role (saved on change) and removal,
// which hands the member's live keys to whoever the owner picks (themself by default).
export function MemberControls({
  member,
  keys,
  heirs,
  currentUserId,
}: {
  member: Row;
  keys: { keys: OwnedKey[]; total: number };
  heirs: MemberOption[];
  currentUserId: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const runSensitive = useRunSensitive();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [removeError, setRemoveError] = useState<string>();
  const [heir, setHeir] = useState(currentUserId);
  const [heirErrors, setHeirErrors] = useState<string[]>();
  const [newLink, setNewLink] = useState<PasswordLinkDelivery>();

  function issueLink() {
    startTransition(async () => {
      const result = await issuePasswordLinkAction({ membershipId: member.id });
      if (!result.ok) return setError(result.message);
      setError(undefined);
      setNewLink(result.data);
    });
  }

  function changeRole(role: Row["role"]) {
    startTransition(async () => {
      const result = await runSensitive(() => changeMemberRoleAction({ membershipId: member.id, role }));
      if (!result.ok) {
        setStatus(undefined);
        return setError(result.message);
      }
      setError(undefined);
      setStatus(`${member.name} is now ${ROLE_LABELS[role]}.`);
      router.refresh();
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <select
        aria-label={`Role of ${member.name}`}
        value={member.role}
        disabled={pending}
        onChange={(event) => changeRole(event.target.value as Row["role"])}
        className={selectClass}
      >
        {ASSIGNABLE_ROLES.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
      {!member.isYou && (
        <Button variant="secondary" disabled={pending} onClick={() => setConfirming(true)} aria-label={`Remove ${member.name}`}>
          Remove
        </Button>
      )}
      {member.waitingForPassword && (
        <Button variant="secondary" disabled={pending} onClick={issueLink} aria-label={`New set-password link for ${member.name}`}>
          New link
        </Button>
      )}
      <p role="status" className="text-xs text-zinc-500 dark:text-zinc-400">
        {status}
      </p>
      {newLink && (
        <div className="w-full">
          <PasswordLinkNotice name={member.name} delivery={newLink} />
        </div>
      )}
      {error && (
        <p role="alert" className="w-full text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Remove ${member.name}?`}>
        <FormAlert message={removeError} />
        <p className="text-sm">
          {member.email} loses access at once: every browser they are signed in on is signed out. Their keys keep working; the audit log keeps their name.
        </p>
        {keys.total > 0 ? (
          <>
            <div className="text-sm">
              <p id={`owned-keys-${member.id}`} className="font-medium">
                {keys.total === 1 ? "The key they own" : `The ${keys.total} keys they own`}
              </p>
              <ul aria-labelledby={`owned-keys-${member.id}`} className="mt-1 max-h-40 list-disc overflow-y-auto pl-5">
                {keys.keys.map((key) => (
                  <li key={key.id} className="break-words">
                    {key.name} <code className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{maskedKey(key.displayPrefix, key.lastFour)}</code>
                  </li>
                ))}
                {keys.total > keys.keys.length && <li>and {keys.total - keys.keys.length} more</li>}
              </ul>
            </div>
            <OwnerSelect
              label="Give their keys to"
              members={heirs}
              currentUserId={currentUserId}
              value={heir}
              onChange={setHeir}
              errors={heirErrors}
              hint="Every key they own now, and any they create before the removal completes."
            />
          </>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">They own no live keys.</p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                // Sent even when the list is empty: a key they create meanwhile goes to the same person.
                const result = await runSensitive(() => removeMemberAction({ membershipId: member.id, newKeyOwnerId: heir }));
                if (!result.ok) {
                  setHeirErrors(result.fieldErrors?.newKeyOwnerId);
                  return setRemoveError(result.message);
                }
                setConfirming(false);
                router.refresh();
              })
            }
          >
            {pending ? "Removing…" : "Remove member"}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
