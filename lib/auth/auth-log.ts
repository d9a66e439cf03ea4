// OAuth state and PKCE values a library may quote in its message ("state
// mismatch, expected …, got: …"): one-time, but a log is not the place.
const QUOTED_VALUES = /\b(expected|got:?)\s+\S+/gi;
const redact = (message: string) => message.replace(QUOTED_VALUES, "$1 [redacted]").slice(0, 500);

// What a next-auth error may put in the server log: its name and message
// only. OAuth errors carry the provider's response, the id_token (openid-
// client's RPError has it as `jwt`), the callback parameters or the tokens
// as properties; printing the object would write those into the log.
export function describeAuthError(metadata: unknown): string {
  const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | null)?.error;
  if (error instanceof Error) return redact(`${error.name}: ${error.message}`);
  const message = (metadata as { message?: unknown } | null)?.message;
  return typeof message === "string" ? redact(message) : "(no details)";
}
