"use client";

import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { KeySnippets } from "./key-snippets";

async function copyText(text: string, fallbackField: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    fallbackField?.select();
    return document.execCommand?.("copy") ?? false;
  }
}

// Shows a new key's secret once. It cannot be dismissed (Escape included)
// until the user confirms they stored it; closing drops the secret from memory.
export function RevealKeyDialog({ secret, keyName, onDone }: { secret: string | null; keyName: string; onDone: () => void }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const fieldRef = useRef<HTMLInputElement>(null);
  const confirmId = useId();
  // Shown only in the browser (the secret never exists on the server).
  const origin = typeof window === "undefined" ? "" : window.location.origin;

  // Each secret starts unconfirmed and uncopied.
  const [shownFor, setShownFor] = useState(secret);
  if (secret !== shownFor) {
    setShownFor(secret);
    setCopied(null);
    setConfirmed(false);
  }

  return (
    <Dialog
      open={secret !== null}
      onClose={onDone}
      dismissible={confirmed}
      title="Save your secret key"
      description={
        <>
          Here is the secret for <strong>{keyName}</strong>. It will not be shown again: store it in your secret manager now.
        </>
      }
      wide
    >
      {secret && (
        <>
          <div className="flex flex-col gap-2 sm:flex-row">
            <label htmlFor={`${confirmId}-secret`} className="sr-only">
              Secret key
            </label>
            <input
              id={`${confirmId}-secret`}
              ref={fieldRef}
              readOnly
              value={secret}
              data-testid="revealed-secret"
              onFocus={(event) => event.target.select()}
              className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
            />
            <Button variant="secondary" onClick={async () => setCopied((await copyText(secret, fieldRef.current)) ? "copied" : "failed")}>
              {copied === "copied" ? "Copied ✓" : "Copy"}
            </Button>
          </div>
          <p aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-400">
            {copied === "copied" && "Secret key copied to the clipboard."}
            {copied === "failed" && <span className="text-red-600 dark:text-red-400">Copying failed: select the key and copy it by hand.</span>}
          </p>

          <div
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-200"
            role="note"
          >
            Anyone with this key can call the platform as your organization. Never commit it or paste it into chat; if it leaks, delete it right away.
          </div>

          <KeySnippets secret={secret} origin={origin} />

          <label htmlFor={confirmId} className="flex items-center gap-2 text-sm">
            <input
              id={confirmId}
              type="checkbox"
              checked={confirmed}
              onChange={(event) => setConfirmed(event.target.checked)}
              className="size-4 accent-indigo-600"
            />
            I have stored this key somewhere safe.
          </label>
          <div className="flex justify-end">
            <Button onClick={onDone} disabled={!confirmed}>
              Done
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
