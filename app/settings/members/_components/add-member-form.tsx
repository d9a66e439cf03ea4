"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { zodFieldErrors } from "@/lib/action-result";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { FieldErrors } from "@/lib/errors";
import { addMemberInput, ASSIGNABLE_ROLES } from "@/lib/members/add-member-input";
import type { PasswordLinkDelivery } from "@/lib/members/set-password-link";
import { addMemberAction } from "../actions";
import { PasswordLinkNotice } from "./password-link-notice";

export function AddMemberForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [added, setAdded] = useState<{ name: string; delivery: PasswordLinkDelivery }>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setAdded(undefined);
    const parsed = addMemberInput.safeParse(Object.fromEntries(new FormData(form)));
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      return;
    }
    startTransition(async () => {
      const result = await addMemberAction(parsed.data);
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setMessage(result.message);
        return;
      }
      form.reset();
      setFieldErrors({});
      setMessage(undefined);
      setAdded({ name: parsed.data.name, delivery: result.data });
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormAlert message={message} />
      </div>
      <TextField label="Name" name="name" maxChars={100} singleLine errors={fieldErrors.name} />
      <TextField label="Email" name="email" type="email" errors={fieldErrors.email} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor="member-role" className="text-sm font-medium">
          Role
        </label>
        <select
          id="member-role"
          name="role"
          defaultValue="MEMBER"
          className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        >
          {ASSIGNABLE_ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </div>
      <p className="text-sm text-zinc-600 sm:col-span-2 dark:text-zinc-400">
        They choose their own password through a one-time link, emailed to them when this server sends email, else shown here for you to pass on.
      </p>
      <div className="flex flex-col gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending} className="self-start">
          {pending ? "Adding…" : "Add member"}
        </Button>
        {added && <PasswordLinkNotice name={added.name} delivery={added.delivery} />}
      </div>
    </form>
  );
}
