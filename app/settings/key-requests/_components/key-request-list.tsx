"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { LocalTime } from "@/components/local-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { FormAlert } from "@/components/ui/form-alert";
import type { KeyRequestRow } from "@/lib/key-requests/list-key-requests";
import { REQUEST_STATE_LABELS, type RequestState } from "@/lib/key-requests/request-state";
import { PERMISSION_LABELS } from "@/lib/keys/key-model";
import { EnvironmentBadge, ScopeList } from "../../secret-keys/_components/key-labels";
import { RevealKeyDialog } from "../../secret-keys/_components/reveal-key-dialog";
import { decideKeyRequestAction, revealKeyRequestAction, withdrawKeyRequestAction } from "../actions";
import { DenyRequestDialog } from "./deny-request-dialog";

const STATE_TONES: Record<RequestState, "neutral" | "indigo" | "amber" | "red" | "green"> = {
  pending: "amber",
  approved: "indigo",
  issued: "green",
  denied: "red",
  withdrawn: "neutral",
  expired: "neutral",
  lapsed: "neutral",
};

// The organization's requests, each with what the viewer may do with it.
// The list stays mounted when it empties (the last pending request decided),
// so the notice of what was just done stays on screen.
export function KeyRequestList({ requests, empty }: { requests: KeyRequestRow[]; empty: React.ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const runSensitive = useRunSensitive();
  const [message, setMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [denying, setDenying] = useState<KeyRequestRow | null>(null);
  const [revealed, setRevealed] = useState<{ secret: string; name: string } | null>(null);

  function run(work: () => Promise<{ ok: true } | { ok: false; message: string }>, done: string) {
    startTransition(async () => {
      const result = await work();
      if (!result.ok) {
        setMessage(result.message);
        setNotice(undefined);
        return;
      }
      setMessage(undefined);
      setNotice(done);
      router.refresh();
    });
  }

  function reveal(request: KeyRequestRow) {
    startTransition(async () => {
      const result = await runSensitive(() => revealKeyRequestAction({ requestId: request.id }));
      if (!result.ok) return setMessage(result.message);
      setMessage(undefined);
      setRevealed({ secret: result.data.secret, name: result.data.key.name });
    });
  }

  return (
    <>
      <FormAlert message={message} />
      <p aria-live="polite" className="mb-3 text-sm text-emerald-700 dark:text-emerald-400">
        {notice}
      </p>
      {requests.length === 0 && empty}
      <ul className="flex flex-col gap-3" aria-label="Key requests" hidden={requests.length === 0}>
        {requests.map((request) => (
          <li
            key={request.id}
            id={`request-${request.id}`}
            aria-label={`${request.kind === "CREATE" ? "New key" : "Rotation of"} ${request.name}`}
            className="rounded-xl border border-zinc-200 bg-white p-4 target:ring-2 target:ring-indigo-500 dark:border-zinc-800 dark:bg-zinc-900"
          >
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <h2 className="font-semibold break-words">
                  {request.kind === "CREATE" ? "New key" : "Rotation of"} “{request.name}”
                </h2>
                <p className="mt-1 flex flex-wrap items-center gap-1.5 text-sm text-zinc-600 dark:text-zinc-400">
                  <EnvironmentBadge environment={request.environment} />
                  <ScopeList scopes={request.scopes} />
                  <Badge>{PERMISSION_LABELS[request.permission]}</Badge>
                  <span>· {request.expiresInDays === "never" ? "never expires" : `expires ${request.expiresInDays} days after it is issued`}</span>
                </p>
              </div>
              <Badge tone={STATE_TONES[request.state]}>{REQUEST_STATE_LABELS[request.state]}</Badge>
            </div>
            <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
              <dt className="text-zinc-500 dark:text-zinc-400">Requested by</dt>
              <dd>
                {request.requestedBy.name} ({request.requestedBy.email}), <LocalTime date={request.requestedAt} />
              </dd>
              <dt className="text-zinc-500 dark:text-zinc-400">Reason</dt>
              <dd className="whitespace-pre-wrap break-words">{request.reason}</dd>
              {request.decidedBy && request.decidedAt && (
                <>
                  <dt className="text-zinc-500 dark:text-zinc-400">{request.state === "denied" ? "Denied by" : "Approved by"}</dt>
                  <dd>
                    {request.decidedBy.name}, <LocalTime date={request.decidedAt} />
                  </dd>
                </>
              )}
              {request.denialReason && (
                <>
                  <dt className="text-zinc-500 dark:text-zinc-400">Why denied</dt>
                  <dd className="whitespace-pre-wrap break-words">{request.denialReason}</dd>
                </>
              )}
              {(request.state === "pending" || request.state === "approved") && (
                <>
                  <dt className="text-zinc-500 dark:text-zinc-400">{request.state === "pending" ? "Decide by" : "Reveal by"}</dt>
                  <dd>
                    <LocalTime date={request.expiresAt} />
                  </dd>
                </>
              )}
            </dl>
            {(request.canDecide || request.canWithdraw || request.canReveal || request.issuedKeyId) && (
              <div className="mt-3 flex flex-wrap gap-2">
                {request.canReveal && (
                  <Button onClick={() => reveal(request)} disabled={pending}>
                    Reveal key
                  </Button>
                )}
                {request.canDecide && (
                  <>
                    <Button
                      onClick={() =>
                        run(() => runSensitive(() => decideKeyRequestAction({ requestId: request.id, decision: "approve" })), `Approved “${request.name}”.`)
                      }
                      disabled={pending}
                    >
                      Approve
                    </Button>
                    <Button variant="secondary" onClick={() => setDenying(request)} disabled={pending}>
                      Deny
                    </Button>
                  </>
                )}
                {request.canWithdraw && (
                  <Button
                    variant="ghost"
                    onClick={() => run(() => withdrawKeyRequestAction({ requestId: request.id }), `Withdrew “${request.name}”.`)}
                    disabled={pending}
                  >
                    Withdraw
                  </Button>
                )}
                {request.issuedKeyId && (
                  <Link href={`/settings/secret-keys/${request.issuedKeyId}`} className="self-center text-sm text-indigo-700 underline dark:text-indigo-300">
                    View the key
                  </Link>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      <DenyRequestDialog
        target={denying}
        onClose={() => setDenying(null)}
        onDenied={(name) => {
          setDenying(null);
          setNotice(`Denied “${name}”.`);
          router.refresh();
        }}
      />
      <RevealKeyDialog
        secret={revealed?.secret ?? null}
        keyName={revealed?.name ?? ""}
        onDone={() => {
          setNotice(revealed ? `Key “${revealed.name}” issued.` : undefined);
          setRevealed(null);
          router.refresh();
        }}
      />
    </>
  );
}
