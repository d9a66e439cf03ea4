"use client";

import { useRouter } from "next/navigation";
import { AuthenticatorSetup } from "@/components/two-factor/authenticator-setup";
import { PasskeySetup } from "@/components/two-factor/passkey-setup";

// Either way of meeting the organization's requirement, then on to the panel.
export function EnrolTwoFactor() {
  const router = useRouter();
  const done = () => {
    router.replace("/settings/secret-keys");
    router.refresh();
  };
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="enrol-passkey" className="flex flex-col gap-2">
        <h2 id="enrol-passkey" className="font-medium">
          A passkey
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Your fingerprint, face, device PIN or a security key.</p>
        <PasskeySetup onDone={done} />
      </section>
      <section aria-labelledby="enrol-app" className="flex flex-col gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <h2 id="enrol-app" className="font-medium">
          Or an authenticator app
        </h2>
        <AuthenticatorSetup onDone={done} />
      </section>
    </div>
  );
}
