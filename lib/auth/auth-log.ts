// What a next-auth error may put in the server log: its name and message
// only. OAuth errors carry the provider's response, the id_token (openid-
// client's RPError has it as `jwt`), the callback parameters or the tokens
// as properties; printing the object would write those into the log.
export function describeAuthError(metadata: unknown): string {
  const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | null)?.error;
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  const message = (metadata as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message.slice(0, 500) : "(no details)";
}
