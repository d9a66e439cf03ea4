"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { DESTINATION_NOT_ALLOWED } from "@/lib/webhooks/delivery-outcome";
import { removeWebhookAction, sendTestWebhookAction, setWebhookAction } from "../actions";

// The test event's outcome in words; the reasons are the generic ones stored
// on every delivery.
function describeTest({ status, statusCode, error }: { status: string; statusCode: number | null; error: string | null }): string {
  if (status === "delivered") return `Delivered (HTTP ${statusCode}).`;
  if (error === DESTINATION_NOT_ALLOWED) return `Not delivered: ${error} (the host is a loopback, private, link-local or reserved address).`;
  return status === "failed" ? `Not delivered: ${error}.` : `Not delivered yet: ${error}. It will be retried.`;
}

// The webhook URL for incident events. Saving makes a new signing secret,
// shown here once.
// For owners (the page shows others only whether one is set).
export function WebhookSettings({ url, legacySignature, allowPrivate }: { url: string | null; legacySignature: boolean; allowPrivate: boolean }) {
  const [pending, startTransition] = useTransition();
  const runSensitive = useRunSensitive();
  const [message, setMessage] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [secret, setSecret] = useState<string | null>(null);
  const [testResult, setTestResult] = useState<string>();
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);

  function remove() {
    startTransition(async () => {
      const result = await runSensitive(() => removeWebhookAction());
      setConfirmingRemoval(false);
      if (!result.ok) return setMessage(result.message);
      setMessage(undefined);
      setSecret(null);
      setTestResult("Webhook removed. Incident events are no longer sent.");
      const input = formRef.current?.elements.namedItem("url");
      if (input instanceof HTMLInputElement) input.value = "";
      router.refresh();
    });
  }

  function sendTest() {
    startTransition(async () => {
      const result = await sendTestWebhookAction();
      if (!result.ok) return setTestResult(result.message);
      setTestResult(describeTest(result.data));
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("url") ?? "");
    startTransition(async () => {
      const result = await runSensitive(() => setWebhookAction({ url: value }));
      if (!result.ok) {
        setMessage(result.message);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setMessage(undefined);
      setFieldErrors({});
      setSecret(result.data.secret);
    });
  }

  return (
    <>
      <form ref={formRef} onSubmit={submit} noValidate className="flex flex-col gap-3">
        <FormAlert message={message} />
        <TextField
          label="Webhook URL"
          name="url"
          type="url"
          defaultValue={url ?? ""}
          placeholder="https://hooks.example.com/secret-keys"
          errors={fieldErrors.url}
          hint={`Receives signed JSON for incident events${url ? " (choose others below)" : "; once it is saved you can choose further events, such as key changes, for a SIEM"}. ${allowPrivate ? "This server also sends to loopback and private addresses." : "Public addresses only: loopback and private ones are refused."}`}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {url ? "Save and make a new secret" : "Save"}
          </Button>
          {url && (
            <Button variant="secondary" disabled={pending} onClick={sendTest}>
              Send test event
            </Button>
          )}
          {url && (
            <Button variant="ghost" disabled={pending} onClick={() => setConfirmingRemoval(true)}>
              Remove webhook
            </Button>
          )}
          <p role="status" className="text-sm">
            {testResult}
          </p>
        </div>
        {secret ? (
          <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950">
            <p className="font-medium">Signing secret (shown once):</p>
            <code className="block break-all" data-testid="webhook-secret">
              {secret}
            </code>
            <p className="mt-1">Give it to your receiver; it verifies every delivery with a Standard Webhooks library (see below).</p>
          </div>
        ) : (
          legacySignature && (
            <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-900 dark:bg-amber-950">
              This webhook&apos;s secret is from before Standard Webhooks, so its deliveries also carry the old <code>x-secret-keys-timestamp</code> and{" "}
              <code>x-secret-keys-signature</code> headers. Save the URL again for a new secret and the Standard Webhooks headers alone.
            </p>
          )
        )}
      </form>
      <Dialog open={confirmingRemoval} onClose={() => setConfirmingRemoval(false)} title="Remove the webhook?">
        <p className="text-sm">
          Incident events stop going to <code className="break-all">{url}</code>; deliveries still waiting are dropped. You can set a URL again later (with a
          new secret).
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" disabled={pending} onClick={() => setConfirmingRemoval(false)}>
            Cancel
          </Button>
          <Button variant="danger" disabled={pending} onClick={remove}>
            Remove webhook
          </Button>
        </div>
      </Dialog>
    </>
  );
}
