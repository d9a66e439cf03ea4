"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

// Starts the OIDC sign-in: next-auth answers with the identity provider's
// address (with state, nonce and the PKCE challenge, whose secrets stay in
// its cookies) and the browser goes there.
export function SsoSignInButton() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl: "/settings/secret-keys" }).catch(() => setPending(false));
      }}
    >
      {pending ? "Opening your sign-in provider…" : "Sign in with SSO"}
    </Button>
  );
}
