import { browserSupportsWebAuthn, startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";

type Outcome<T> = { ok: true; response: T } | { ok: false; message: string };

const CANCELLED = "No passkey was used (the request was cancelled or timed out).";

function explain(error: unknown): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "AbortError") return CANCELLED;
  if (name === "InvalidStateError") return "This device already has a passkey for your account.";
  return "Your browser could not use a passkey here.";
}

export function passkeysSupported(): boolean {
  return typeof window !== "undefined" && browserSupportsWebAuthn();
}

// Asks the browser (and the person) for a new passkey.
export async function createPasskey(optionsJSON: PublicKeyCredentialCreationOptionsJSON): Promise<Outcome<unknown>> {
  try {
    return { ok: true, response: await startRegistration({ optionsJSON }) };
  } catch (error) {
    return { ok: false, message: explain(error) };
  }
}

// Asks the browser (and the person) to sign with a passkey.
export async function signWithPasskey(optionsJSON: PublicKeyCredentialRequestOptionsJSON): Promise<Outcome<unknown>> {
  try {
    return { ok: true, response: await startAuthentication({ optionsJSON }) };
  } catch (error) {
    return { ok: false, message: explain(error) };
  }
}
