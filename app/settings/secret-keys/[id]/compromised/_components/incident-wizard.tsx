"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/action-result";
import { describeStep } from "@/lib/incidents/incident-summary";
import { INCIDENT_STEP_LABELS, INCIDENT_STEPS, nextStep, type IncidentStepId } from "@/lib/incidents/incident-steps";
import { RevealKeyDialog } from "../../../_components/reveal-key-dialog";
import { closeAction, notifyAction, replaceAction, reviewAction, revokeAction, updateAppsAction } from "../actions";
import { AppChecklist, type ChecklistClient } from "./app-checklist";
import { ActivityReview, type ReviewRow } from "./activity-review";
import { DeliveryStatus, type DeliveryRow } from "./delivery-status";
import { StepCard } from "./step-card";

export type WizardStep = { step: string; actorLabel: string; createdAt: Date; details: unknown };

export type WizardProps = {
  incidentId: string;
  keyName: string;
  steps: WizardStep[];
  clients: ChecklistClient[];
  review: { rows: ReviewRow[]; from: string; to: string; exportHref: string };
  memberCount: number;
  // The webhook as this viewer may see it (its host for owners), or null.
  channels: { webhook: string | null; emailEnabled: boolean };
  deliveries: DeliveryRow[];
  // Set when the key was rotated before it was reported: its successor is the replacement.
  successor: { id: string; label: string } | null;
  // Why the wizard will not create a replacement for this viewer, if it will not.
  noReplacement: string | null;
};

const inputClass = "rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

function summaryOf(step: IncidentStepId, details: Record<string, unknown>, deliveries: DeliveryRow[]): React.ReactNode {
  switch (step) {
    case "revoke":
      return <p>The key stopped working everywhere at {String(details.revokedAt).replace("T", " ").slice(0, 19)} UTC.</p>;
    case "replace":
      return details.skipped ? <p>No replacement: {String(details.reason)}</p> : <p>Replacement “{String(details.name)}” created.</p>;
    case "update_apps":
      return <p>{describeStep(step, details)}</p>;
    case "review":
      return <p>Reviewed; {Number(details.suspicious) === 1 ? "1 suspicious entry" : `${String(details.suspicious)} suspicious entries`}.</p>;
    case "notify":
      return (
        <>
          <p>
            Sent to {Number(details.recipients) === 1 ? "1 member" : `${String(details.recipients)} members`}: “{String(details.message)}”
          </p>
          <DeliveryStatus deliveries={deliveries.filter((d) => d.target !== "incident.closed")} />
        </>
      );
    case "close":
      return (
        <>
          <p>The incident is closed.</p>
          <DeliveryStatus deliveries={deliveries.filter((d) => d.target === "incident.closed")} />
        </>
      );
  }
}

export function IncidentWizard(props: WizardProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();
  const [revealed, setRevealed] = useState<{ secret: string; name: string } | null>(null);
  const [replacementName, setReplacementName] = useState(`${props.keyName} (replacement)`);
  const [skipReason, setSkipReason] = useState(props.successor ? `Rotated before it was reported: its successor ${props.successor.label} replaces it.` : "");
  const [notifyMessage, setNotifyMessage] = useState(
    `The secret key “${props.keyName}” was compromised and has been revoked. If your app or job used it, switch to the replacement now.`,
  );

  const done = props.steps.map((s) => s.step);
  const current = nextStep(done);

  function run(action: () => Promise<ActionResult<{ alreadyDone: boolean; secret?: string; keyName?: string }>>) {
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return setMessage(result.message);
      setMessage(undefined);
      if (result.data.secret) setRevealed({ secret: result.data.secret, name: result.data.keyName ?? "" });
      router.refresh();
    });
  }

  const bodies: Record<IncidentStepId, React.ReactNode> = {
    revoke: (
      <>
        <p className="text-sm">Delete the key now. Every app instance refuses it within a second.</p>
        <div>
          <Button variant="danger" disabled={pending} onClick={() => run(() => revokeAction(props.incidentId))}>
            Revoke now
          </Button>
        </div>
      </>
    ),
    replace:
      props.noReplacement && !props.successor ? (
        <>
          <p className="text-sm">{props.noReplacement}</p>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Note (recorded)
            <input value={skipReason} onChange={(e) => setSkipReason(e.target.value)} maxLength={500} className={inputClass} />
          </label>
          <div>
            <Button disabled={pending || !skipReason.trim()} onClick={() => run(() => replaceAction(props.incidentId, { skipReason }))}>
              Continue without a new key
            </Button>
          </div>
        </>
      ) : props.successor ? (
        <>
          <p className="text-sm">
            This key was rotated before it was reported, so its successor{" "}
            <Link href={`/settings/secret-keys/${props.successor.id}`} className="font-mono underline">
              {props.successor.label}
            </Link>{" "}
            already replaces it. If the same leak can reach the successor, report it compromised too.
          </p>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Note (recorded)
            <input value={skipReason} onChange={(e) => setSkipReason(e.target.value)} maxLength={500} className={inputClass} />
          </label>
          <div>
            <Button disabled={pending} onClick={() => run(() => replaceAction(props.incidentId, { skipReason }))}>
              Continue without a new key
            </Button>
          </div>
        </>
      ) : (
        <>
          <p className="text-sm">A new key with the same environment, scopes and permission. Its secret is shown once.</p>
          <TextField
            label="Name of the replacement"
            name="replacementName"
            value={replacementName}
            onChange={(e) => setReplacementName(e.target.value)}
            maxChars={100}
            singleLine
          />
          <div>
            <Button disabled={pending} onClick={() => run(() => replaceAction(props.incidentId, { name: replacementName }))}>
              Create replacement
            </Button>
          </div>
          <details className="text-sm">
            <summary className="cursor-pointer">No replacement needed?</summary>
            <div className="mt-2 flex flex-col gap-2">
              <label className="flex flex-col gap-1 font-medium">
                Reason (recorded)
                <input value={skipReason} onChange={(e) => setSkipReason(e.target.value)} maxLength={500} className={inputClass} />
              </label>
              <div>
                <Button variant="secondary" disabled={pending} onClick={() => run(() => replaceAction(props.incidentId, { skipReason }))}>
                  Skip this step
                </Button>
              </div>
            </div>
          </details>
        </>
      ),
    update_apps: <AppChecklist clients={props.clients} pending={pending} onSubmit={(entries) => run(() => updateAppsAction(props.incidentId, { entries }))} />,
    review: (
      <ActivityReview
        {...props.review}
        pending={pending}
        onReviewed={(suspicious) => run(() => reviewAction(props.incidentId, { from: props.review.from, to: props.review.to, suspicious }))}
      />
    ),
    notify: (
      <>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Message to the team
          <textarea value={notifyMessage} onChange={(e) => setNotifyMessage(e.target.value)} maxLength={2000} rows={4} className={inputClass} />
        </label>
        <ul className="list-disc pl-5 text-xs text-zinc-600 dark:text-zinc-400" aria-label="Channels">
          <li>An in-app notification to every member.</li>
          <li>{props.channels.emailEnabled ? "An email to every member." : "No email: SMTP is not configured on this server (SMTP_URL)."}</li>
          <li>{props.channels.webhook ? `A signed webhook to ${props.channels.webhook}.` : "No webhook: none is set in Security settings."}</li>
        </ul>
        <div>
          <Button disabled={pending} onClick={() => run(() => notifyAction(props.incidentId, { message: notifyMessage }))}>
            Notify {props.memberCount === 1 ? "1 member" : `${props.memberCount} members`}
          </Button>
        </div>
      </>
    ),
    close: (
      <>
        <p className="text-sm">Everything is done. Closing keeps the timeline for the record.</p>
        <div>
          <Button disabled={pending} onClick={() => run(() => closeAction(props.incidentId))}>
            Close incident
          </Button>
        </div>
      </>
    ),
  };

  return (
    <>
      <FormAlert message={message} />
      <ol className="flex flex-col gap-3" aria-label="Steps">
        {INCIDENT_STEPS.map((step, index) => {
          const record = props.steps.find((s) => s.step === step);
          return (
            <StepCard
              key={step}
              number={index + 1}
              title={INCIDENT_STEP_LABELS[step]}
              state={record ? "done" : step === current ? "current" : "locked"}
              doneBy={record?.actorLabel}
              doneAt={record?.createdAt}
              summary={record ? summaryOf(step, (record.details ?? {}) as Record<string, unknown>, props.deliveries) : undefined}
            >
              {bodies[step]}
            </StepCard>
          );
        })}
      </ol>
      <RevealKeyDialog secret={revealed?.secret ?? null} keyName={revealed?.name ?? ""} onDone={() => setRevealed(null)} />
    </>
  );
}
