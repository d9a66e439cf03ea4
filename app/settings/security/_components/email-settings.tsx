"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useRunSensitive } from "@/components/reauth/reauth-provider";
import { sendTestEmailAction } from "../actions";

// Whether incident emails are on (server settings), and a test send.
export function EmailSettings({ smtp, canManage }: { smtp: { host: string | null; from: string | null } | null; canManage: boolean }) {
  const [pending, startTransition] = useTransition();
  const runSensitive = useRunSensitive();
  const [result, setResult] = useState<string>();

  if (!smtp) {
    return (
      <p className="text-sm">
        Email is off: the team is notified in the app and by webhook only. To add email, set <code>SMTP_URL</code> and <code>SMTP_FROM</code> on the server and
        restart it.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p>
        {smtp.host ? (
          <>
            Incident emails go to every member through <code>{smtp.host}</code>, from <code>{smtp.from}</code>.
          </>
        ) : (
          "Incident emails go to every member."
        )}
      </p>
      {canManage && (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const sent = await runSensitive(() => sendTestEmailAction());
                if (!sent.ok) return setResult(sent.message);
                setResult(sent.data.ok ? `Sent to ${sent.data.to}.` : `Not sent: ${sent.data.error}`);
              })
            }
          >
            {pending ? "Sending…" : "Send me a test email"}
          </Button>
          <p role="status">{result}</p>
        </div>
      )}
    </div>
  );
}
