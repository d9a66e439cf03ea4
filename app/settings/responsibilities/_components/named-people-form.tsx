"use client";

import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import type { Responsibility } from "@/lib/generated/prisma/enums";
import { setNamedPeopleAction } from "../actions";

type Candidate = { membershipId: string; name: string; email: string; chosen: boolean };

// Owners choose who holds a responsibility: several approvers, one billing
// owner or security contact.
export function NamedPeopleForm({
  responsibility,
  label,
  many,
  candidates,
}: {
  responsibility: Responsibility;
  label: string;
  many: boolean;
  candidates: Candidate[];
}) {
  const [chosen, setChosen] = useState(() => candidates.filter((c) => c.chosen).map((c) => c.membershipId));
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string }>();
  const [pending, startTransition] = useTransition();
  const runSensitive = useRunSensitive();

  function save(event: FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await runSensitive(() => setNamedPeopleAction({ responsibility, membershipIds: chosen }));
      setMessage(result.ok ? { tone: "ok", text: result.data.changed ? "Saved." : "Nothing changed." } : { tone: "error", text: result.message });
    });
  }

  return (
    <form onSubmit={save} aria-label={label} className="mt-3 flex flex-col gap-2">
      <fieldset className="flex flex-col gap-1.5">
        <legend className="sr-only">{label}</legend>
        {!many && (
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={responsibility} checked={chosen.length === 0} onChange={() => setChosen([])} className="accent-indigo-600" />
            No one
          </label>
        )}
        {candidates.map((candidate) => (
          <label key={candidate.membershipId} className="flex items-center gap-2 text-sm">
            <input
              type={many ? "checkbox" : "radio"}
              name={responsibility}
              checked={chosen.includes(candidate.membershipId)}
              onChange={(event) =>
                setChosen(
                  many
                    ? event.target.checked
                      ? [...chosen, candidate.membershipId]
                      : chosen.filter((id) => id !== candidate.membershipId)
                    : [candidate.membershipId],
                )
              }
              className="size-4 accent-indigo-600"
            />
            <span className="min-w-0 truncate">
              {candidate.name} <span className="text-zinc-500 dark:text-zinc-400">{candidate.email}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : `Save ${label.toLowerCase()}`}
        </Button>
        <p aria-live="polite" className={`text-sm ${message?.tone === "error" ? "text-red-600 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}>
          {message?.text}
        </p>
      </div>
    </form>
  );
}
