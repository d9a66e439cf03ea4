"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

// Recovery codes, shown once: copy or download them, then confirm they are
// stored before moving on.
export function RecoveryCodesView({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const text = `Secret Keys recovery codes (each works once)\n\n${codes.join("\n")}\n`;
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <section aria-labelledby="recovery-codes-heading" className="flex flex-col gap-3">
      <h3 id="recovery-codes-heading" className="font-semibold">
        Your recovery codes
      </h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        If you lose your phone, each of these signs you in once instead of a code from the app. Keep them somewhere safe, like a password manager. They will not
        be shown again.
      </p>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md bg-zinc-100 p-3 font-mono text-sm sm:w-fit dark:bg-zinc-800">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(text).catch(() => {});
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy codes"}
        </Button>
        <a
          href={download}
          download="secret-keys-recovery-codes.txt"
          className="inline-flex items-center rounded-md border border-zinc-300 px-3.5 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Download codes
        </a>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} className="size-4 accent-indigo-600" />I have stored my
        recovery codes
      </label>
      <Button onClick={onDone} disabled={!saved} className="self-start">
        Done
      </Button>
    </section>
  );
}
