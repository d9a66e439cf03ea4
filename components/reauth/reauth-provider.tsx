"use client";

import { createContext, useCallback, useContext, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { ReauthDialog } from "./reauth-dialog";

type RunSensitive = <T>(call: () => Promise<ActionResult<T>>) => Promise<ActionResult<T>>;

const ReauthContext = createContext<RunSensitive | null>(null);

// Runs a server action; when the server answers REAUTH_REQUIRED, asks for
// the password in a dialog and, once it is confirmed, runs the action again.
// Cancelling returns the server's answer, whose message says what is needed.
// withCode, withPasskey: the member has an authenticator app or passkeys,
// so the dialog offers them as well as the password.
export function ReauthProvider({
  children,
  withPassword = true,
  withCode = false,
  withPasskey = false,
}: {
  children: React.ReactNode;
  withPassword?: boolean;
  withCode?: boolean;
  withPasskey?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const waiting = useRef<(confirmed: boolean) => void>(undefined);

  const runSensitive = useCallback<RunSensitive>(async (call) => {
    const first = await call();
    if (first.ok || first.code !== "REAUTH_REQUIRED") return first;
    const confirmed = await new Promise<boolean>((resolve) => {
      waiting.current = resolve;
      setOpen(true);
    });
    return confirmed ? call() : first;
  }, []);

  return (
    <ReauthContext value={runSensitive}>
      {children}
      <ReauthDialog
        open={open}
        withPassword={withPassword}
        withCode={withCode}
        withPasskey={withPasskey}
        onDone={(confirmed) => {
          setOpen(false);
          waiting.current?.(confirmed);
          waiting.current = undefined;
        }}
      />
    </ReauthContext>
  );
}

// For a client component calling a server action that may need a recent
// re-authentication (lib/auth/reauthentication-rules.ts).
export function useRunSensitive(): RunSensitive {
  const runSensitive = useContext(ReauthContext);
  if (!runSensitive) throw new Error("useRunSensitive needs a ReauthProvider above it (app/settings/layout.tsx).");
  return runSensitive;
}
