"use client";

import Link from "next/link";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { useState, useTransition } from "react";
import { setProductionApprovalAction } from "../actions";

export function ProductionApprovalToggle({ enabled, canManage, approvers }: { enabled: boolean; canManage: boolean; approvers: string }) {
  const [pending, startTransition] = useTransition();
  const runSensitive = useRunSensitive();
  const [message, setMessage] = useState<string>();
  const [checked, setChecked] = useState(enabled);
  return (
    <div className="mt-4 flex flex-col gap-2">
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={!canManage || pending}
          onChange={(event) => {
            const next = event.target.checked;
            setChecked(next);
            startTransition(async () => {
              const result = await runSensitive(() => setProductionApprovalAction({ enabled: next }));
              setMessage(result.ok ? undefined : result.message);
              if (!result.ok) setChecked(!next);
            });
          }}
          className="mt-0.5 size-4 accent-indigo-600"
        />
        <span>
          <span className="font-medium">Require approval for production keys</span>
          <span className="block text-zinc-600 dark:text-zinc-400">
            Creating or rotating a production key becomes a request that an approver decides; the requester then reveals the key once. Approvers: {approvers}.{" "}
            <Link href="/settings/responsibilities" className="text-indigo-700 underline dark:text-indigo-300">
              Responsibilities
            </Link>
          </span>
          {!canManage && <span className="block text-zinc-500 dark:text-zinc-400">Only an owner can change this.</span>}
        </span>
      </label>
      <p aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
        {message}
      </p>
    </div>
  );
}
