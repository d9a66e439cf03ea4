"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { zodFieldErrors, type ActionResult } from "@/lib/action-result";
import { NEW_PASSWORD_HINT } from "@/lib/auth/new-password";
import { passwordLinkInput } from "@/lib/auth/password-link-input";
import type { FieldErrors } from "@/lib/errors";

type Link = { state: "checking" } | { state: "invalid"; message: string } | { state: "valid"; token: string; email: string; name: string };

// A mangled fragment ("%zz") reads as an incomplete link, not a crash.
function safeDecode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return "";
  }
}

const INCOMPLETE = "This link is not complete. Open it again from the email, or from the message it came in.";

// The page of a one-time password link (set-password or reset). The token is
// in the URL's fragment, which browsers never send to a server; it is taken
// out of the address bar (and history) at once and travels only in the form.
export function PasswordLinkForm({
  describe,
  submit,
  action,
}: {
  describe: (token: string) => Promise<ActionResult<{ email: string; name: string }>>;
  submit: (input: unknown) => Promise<ActionResult<{ email: string }>>;
  action: string;
}) {
  const router = useRouter();
  const [link, setLink] = useState<Link>({ state: "checking" });
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();

  useEffect(() => {
    const token = safeDecode(window.location.hash.slice(1));
    window.history.replaceState(null, "", window.location.pathname);
    const check = token
      ? describe(token)
      : Promise.resolve<ActionResult<{ email: string; name: string }>>({ ok: false, code: "NOT_FOUND", message: INCOMPLETE });
    check.then(
      (result) => setLink(result.ok ? { state: "valid", token, ...result.data } : { state: "invalid", message: result.message }),
      () => setLink({ state: "invalid", message: "The link could not be checked. Reload the page to try again." }),
    );
  }, [describe]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (link.state !== "valid") return;
    const parsed = passwordLinkInput.safeParse({ token: link.token, password: new FormData(event.currentTarget).get("password") });
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      setMessage(undefined);
      return;
    }
    startTransition(async () => {
      const result = await submit(parsed.data);
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? undefined : result.message);
        return;
      }
      // Signed in with the new password; if that fails (or the account also
      // asks for a second factor), the sign-in page, which says the password is saved.
      const signedIn = await signIn("credentials", { email: result.data.email, password: parsed.data.password, redirect: false });
      router.replace(signedIn?.ok && !signedIn.error ? "/settings/secret-keys" : "/signin?password=saved");
      router.refresh();
    });
  }

  if (link.state === "checking") return <p role="status">Checking your link…</p>;
  if (link.state === "invalid") {
    return (
      <div className="flex flex-col gap-3">
        <FormAlert message={link.message} />
        <a href="/signin" className="text-sm font-medium text-indigo-700 underline dark:text-indigo-300">
          Go to sign-in
        </a>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={action}>
      <FormAlert message={message} />
      <p className="text-sm">
        For <strong>{link.name}</strong> ({link.email})
      </p>
      <input type="hidden" name="username" autoComplete="username" value={link.email} />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" errors={fieldErrors.password} hint={NEW_PASSWORD_HINT} />
      <Button type="submit" disabled={pending} className="mt-2">
        {pending ? "Saving…" : action}
      </Button>
    </form>
  );
}
