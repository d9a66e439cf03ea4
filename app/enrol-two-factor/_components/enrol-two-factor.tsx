"use client";

import { useRouter } from "next/navigation";
import { AuthenticatorSetup } from "@/components/two-factor/authenticator-setup";

export function EnrolTwoFactor() {
  const router = useRouter();
  return (
    <AuthenticatorSetup
      onDone={() => {
        router.replace("/settings/secret-keys");
        router.refresh();
      }}
    />
  );
}
