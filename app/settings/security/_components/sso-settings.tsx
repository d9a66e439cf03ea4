"use client";

import { useId, useState, useTransition } from "react";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { SettingSwitch } from "@/components/ui/setting-switch";
import { setSsoJoinAction, setSsoRequiredAction } from "../actions";

type Owner = { membershipId: string; label: string };

// Joining with SSO, requiring SSO and the break-glass owner (owners change
// them; the server checks every rule again).
export function SsoSettings({
  configured,
  joinRole,
  justInTime,
  required,
  breakGlassMembershipId,
  owners,
  canManage,
}: {
  configured: boolean;
  joinRole: string;
  justInTime: boolean;
  required: boolean;
  breakGlassMembershipId: string | null;
  owners: Owner[];
  canManage: boolean;
}) {
  const runSensitive = useRunSensitive();
  const selectId = useId();
  const [breakGlass, setBreakGlass] = useState(breakGlassMembershipId ?? "");
  const [isRequired, setIsRequired] = useState(required);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();

  function chooseBreakGlass(next: string) {
    const previous = breakGlass;
    setBreakGlass(next);
    setMessage(undefined);
    // While SSO is required the choice takes effect at once; before, it goes with turning it on.
    if (!isRequired || !next) return;
    startTransition(async () => {
      const result = await runSensitive(() => setSsoRequiredAction({ required: true, breakGlassMembershipId: next }));
      if (!result.ok) {
        setBreakGlass(previous);
        setMessage(result.message);
      }
    });
  }

  return (
    <div className="flex flex-col gap-4">
      {!configured && (
        <p className="text-sm">
          Single sign-on is not configured on this server: set <code>OIDC_ISSUER</code>, <code>OIDC_CLIENT_ID</code> and <code>OIDC_CLIENT_SECRET</code> (see
          the README). Until then everyone signs in with a password.
        </p>
      )}
      <SettingSwitch label="Let new people join with SSO" enabled={justInTime} canManage={canManage} onChange={(next) => setSsoJoinAction({ enabled: next })}>
        Someone your identity provider vouches for, with a verified email address and no account here, joins the organization as {joinRole} on their first SSO
        sign-in. When off, an owner adds people first.
      </SettingSwitch>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={selectId} className="font-medium">
          Break-glass owner
        </label>
        <select
          id={selectId}
          value={breakGlass}
          disabled={!canManage || pending}
          onChange={(event) => chooseBreakGlass(event.target.value)}
          className="max-w-md rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">Choose an owner…</option>
          {owners.map((owner) => (
            <option key={owner.membershipId} value={owner.membershipId}>
              {owner.label}
            </option>
          ))}
        </select>
        <span className="text-zinc-600 dark:text-zinc-400">
          While SSO is required, this owner alone can still sign in with a password, for when the identity provider is down. They stay an owner until you choose
          someone else or stop requiring SSO.
        </span>
        <p aria-live="polite" className="text-red-600 dark:text-red-400">
          {message}
        </p>
      </div>
      <SettingSwitch
        label="Require SSO"
        enabled={required}
        canManage={canManage}
        disabled={!configured && !required}
        onChange={async (next) => {
          const result = await setSsoRequiredAction({ required: next, breakGlassMembershipId: next ? breakGlass || undefined : undefined });
          if (result.ok) {
            setIsRequired(next);
            if (!next) setBreakGlass("");
          }
          return result;
        }}
      >
        Everyone but the break-glass owner signs in with SSO; password sign-in is refused to them. Sessions already signed in stay until they end.
      </SettingSwitch>
    </div>
  );
}
