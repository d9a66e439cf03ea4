"use client";

import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { TextArea } from "@/components/ui/text-area";
import { TextField } from "@/components/ui/text-field";
import { requestKeyInput } from "@/lib/key-requests/key-request-input";
import { zodFieldErrors } from "@/lib/action-result";
import type { FieldErrors } from "@/lib/errors";
import { createKeyInput, DEFAULT_EXPIRY, EXPIRY_CHOICES, type ExpiryChoice } from "@/lib/keys/key-input";
import {
  ENVIRONMENT_LABELS,
  ENVIRONMENTS,
  PERMISSION_LABELS,
  PERMISSION_LEVELS,
  SCOPE_DESCRIPTIONS,
  SCOPE_LABELS,
  SCOPES,
  type Environment,
  type PermissionLevel,
  type Scope,
} from "@/lib/keys/key-model";
import type { KeySummary } from "@/lib/keys/key-summary";
import { PERMISSION_DESCRIPTIONS } from "@/lib/keys/permission-table";
import { requestKeyAction } from "../../key-requests/actions";
import { createKeyAction } from "../actions";
import { KeyDetailsFields, type KeyDetails } from "./key-details-fields";
import type { MemberOption } from "./owner-select";
import { RestrictedMatrix, type RestrictedActions } from "./restricted-matrix";

const EXPIRY_LABELS: Record<ExpiryChoice, string> = {
  never: "Never",
  "7": "In 7 days",
  "30": "In 30 days",
  "60": "In 60 days",
  "90": "In 90 days",
  "180": "In 180 days",
  "365": "In 1 year",
};

const selectClass = "rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function CreateKeyDialog({
  open,
  onClose,
  onCreated,
  onRequested,
  granularScopes,
  members,
  currentUserId,
  approvalRequired,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (result: { key: KeySummary; secret: string }) => void;
  onRequested: (result: { name: string; approvers: number }) => void;
  granularScopes: boolean;
  members: MemberOption[];
  currentUserId: string;
  // Production keys are requests an approver decides.
  approvalRequired: boolean;
}) {
  const [name, setName] = useState("");
  const [details, setDetails] = useState<KeyDetails>({ ownerId: currentUserId, team: "", description: "" });
  const [environment, setEnvironment] = useState<Environment>("DEVELOPMENT");
  const [scopes, setScopes] = useState<Scope[]>([...SCOPES]);
  const [permission, setPermission] = useState<PermissionLevel>("FULL");
  const [restricted, setRestricted] = useState<RestrictedActions>({});
  const [expiry, setExpiry] = useState<ExpiryChoice>(DEFAULT_EXPIRY.DEVELOPMENT);
  const [expiryTouched, setExpiryTouched] = useState(false);
  const [rateLimit, setRateLimit] = useState("");
  const [reason, setReason] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();

  function reset() {
    setName("");
    setDetails({ ownerId: currentUserId, team: "", description: "" });
    setEnvironment("DEVELOPMENT");
    setScopes([...SCOPES]);
    setPermission("FULL");
    setRestricted({});
    setExpiry(DEFAULT_EXPIRY.DEVELOPMENT);
    setExpiryTouched(false);
    setRateLimit("");
    setReason("");
    setFieldErrors({});
    setMessage(undefined);
  }

  function close() {
    reset();
    onClose();
  }

  const asRequest = approvalRequired && environment === "PRODUCTION";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = {
      name,
      ...details,
      environment,
      permission,
      expiresInDays: expiry,
      rateLimitPerMinute: rateLimit,
      ...(granularScopes ? { scopes } : {}),
      ...(permission === "RESTRICTED" ? { restrictedActions: restricted } : {}),
    };
    if (asRequest) {
      const request = requestKeyInput.safeParse({ ...input, reason });
      if (!request.success) {
        setFieldErrors(zodFieldErrors(request.error));
        setMessage(undefined);
        return;
      }
      startTransition(async () => {
        const result = await requestKeyAction(request.data);
        if (!result.ok) {
          setFieldErrors(result.fieldErrors ?? {});
          setMessage(result.message);
          return;
        }
        reset();
        onRequested({ name: request.data.name, approvers: result.data.approvers });
      });
      return;
    }
    const parsed = createKeyInput.safeParse(input);
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      setMessage(undefined);
      return;
    }
    startTransition(async () => {
      const result = await createKeyAction(parsed.data);
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setMessage(result.message);
        return;
      }
      reset();
      onCreated(result.data);
    });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Create secret key"
      description="Use one key per app and environment, so you can rotate or revoke each on its own."
      wide
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <FormAlert message={message} />
        <TextField
          label="Name"
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxChars={100}
          singleLine
          placeholder="e.g. Training pipeline (production)"
          errors={fieldErrors.name}
        />

        <KeyDetailsFields
          members={members}
          currentUserId={currentUserId}
          value={details}
          onChange={(change) => setDetails((current) => ({ ...current, ...change }))}
          errors={fieldErrors}
          withExamples
        />

        <fieldset>
          <legend className="mb-1.5 text-sm font-medium">Environment</legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {ENVIRONMENTS.map((value) => (
              <label
                key={value}
                className="flex items-center gap-2 rounded-md border border-zinc-200 px-3 py-2 text-sm has-checked:border-indigo-500 has-checked:bg-indigo-50 dark:border-zinc-700 dark:has-checked:bg-indigo-950"
              >
                <input
                  type="radio"
                  name="environment"
                  value={value}
                  checked={environment === value}
                  onChange={() => {
                    setEnvironment(value);
                    if (!expiryTouched) setExpiry(DEFAULT_EXPIRY[value]);
                  }}
                  className="accent-indigo-600"
                />
                {ENVIRONMENT_LABELS[value]}
              </label>
            ))}
          </div>
          <p aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
            {fieldErrors.environment?.[0]}
          </p>
        </fieldset>

        <fieldset>
          <legend className="mb-1.5 text-sm font-medium">Access scope</legend>
          {granularScopes ? (
            <div className="flex flex-col gap-1.5">
              {SCOPES.map((scope) => (
                <label key={scope} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={scopes.includes(scope)}
                    onChange={(event) =>
                      setScopes(event.target.checked ? SCOPES.filter((s) => s === scope || scopes.includes(s)) : scopes.filter((s) => s !== scope))
                    }
                    className="size-4 accent-indigo-600"
                  />
                  <span className="font-medium">{SCOPE_LABELS[scope]}</span>
                  <span className="text-zinc-500 dark:text-zinc-400">{SCOPE_DESCRIPTIONS[scope]}</span>
                </label>
              ))}
            </div>
          ) : (
            <p className="rounded-md bg-zinc-100 px-3 py-2 text-sm text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
              This key will reach all scopes: Dataset, Training and Deployment. An owner can turn on per-scope keys in Security settings.
            </p>
          )}
          <p aria-live="polite" className="text-sm text-red-600 dark:text-red-400">
            {fieldErrors.scopes?.[0]}
          </p>
        </fieldset>

        <fieldset>
          <legend className="mb-1.5 text-sm font-medium">Permission</legend>
          <div className="flex flex-col gap-2">
            {PERMISSION_LEVELS.map((level) => (
              <label
                key={level}
                className="flex items-start gap-2 rounded-md border border-zinc-200 px-3 py-2 text-sm has-checked:border-indigo-500 has-checked:bg-indigo-50 dark:border-zinc-700 dark:has-checked:bg-indigo-950"
              >
                <input
                  type="radio"
                  name="permission"
                  value={level}
                  checked={permission === level}
                  onChange={() => setPermission(level)}
                  className="mt-0.5 accent-indigo-600"
                />
                <span>
                  <span className="font-medium">{PERMISSION_LABELS[level]}</span>
                  <span className="block text-zinc-600 dark:text-zinc-400">{PERMISSION_DESCRIPTIONS[level]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        {permission === "RESTRICTED" && (
          <RestrictedMatrix scopes={granularScopes ? scopes : SCOPES} value={restricted} onChange={setRestricted} error={fieldErrors.restrictedActions?.[0]} />
        )}

        <div className="flex flex-col gap-1.5">
          <label htmlFor="key-expiry" className="text-sm font-medium">
            Expires
          </label>
          <select
            id="key-expiry"
            value={expiry}
            onChange={(event) => {
              setExpiry(event.target.value as ExpiryChoice);
              setExpiryTouched(true);
            }}
            className={selectClass}
          >
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {EXPIRY_LABELS[choice]}
              </option>
            ))}
          </select>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Rotate production and CI/CD keys every 90 days, staging every 180.</p>
        </div>

        <TextField
          label="Rate limit (requests per minute)"
          name="rateLimitPerMinute"
          inputMode="numeric"
          value={rateLimit}
          onChange={(event) => setRateLimit(event.target.value)}
          placeholder="No limit"
          hint="Optional. Past it, verification answers 429 until the minute has passed."
          errors={fieldErrors.rateLimitPerMinute}
        />

        {asRequest && (
          <div className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
            <p className="text-sm">
              Your organization requires approval for production keys. This sends a request to the approvers; once one approves, you reveal the key on the Key
              requests page, once.
            </p>
            <TextArea
              label="Reason"
              name="reason"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              maxChars={1000}
              placeholder="What will use this key, and why it needs production access"
              errors={fieldErrors.reason}
            />
          </div>
        )}

        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {asRequest ? (pending ? "Sending…" : "Request approval") : pending ? "Creating…" : "Create key"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
