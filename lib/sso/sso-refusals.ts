// Why an SSO sign-in was refused, as the sign-in page shows it. The callback
// redirects to /signin?sso=<reason>: only the reason travels in the URL,
// never a claim, a token or an error text.
export const SSO_REFUSAL_MESSAGES = {
  unverified: "Your identity provider has not verified your email address, so it cannot be matched to an account. Verify it there, then try again.",
  "no-email": "Your identity provider did not send a usable email address, so it cannot be matched to an account.",
  "no-account": "There is no Secret Keys account for your email address. Ask an owner to add you, or to let new people join with SSO.",
  removed: "This account is no longer a member of any organization. Ask an owner to add you again.",
  unavailable: "Single sign-on is unavailable right now. Try again in a moment.",
} as const;
export type SsoRefusal = keyof typeof SSO_REFUSAL_MESSAGES;

// next-auth's own error codes (a state that does not match, a code the
// provider refused, an id_token that fails its checks) all read the same.
export const SSO_FAILED_MESSAGE = "Single sign-on did not complete. Try again; if it keeps failing, ask an owner to check the SSO configuration.";

// next-auth's codes for an OAuth sign-in that went wrong (its error page
// redirects to /signin?error=<code>).
const OAUTH_ERRORS = new Set(["OAuthSignin", "OAuthCallback", "OAuthCreateAccount", "OAuthAccountNotLinked", "Callback", "AccessDenied", "Configuration"]);

// The message for /signin's query: our reason, else next-auth's OAuth error,
// else nothing. An unknown reason (anyone can type a URL) reads as a failure.
export function signInPageMessage(query: { sso?: unknown; error?: unknown }): string | undefined {
  if (typeof query.sso === "string") {
    return Object.hasOwn(SSO_REFUSAL_MESSAGES, query.sso) ? SSO_REFUSAL_MESSAGES[query.sso as SsoRefusal] : SSO_FAILED_MESSAGE;
  }
  if (typeof query.error === "string" && OAUTH_ERRORS.has(query.error)) return SSO_FAILED_MESSAGE;
  return undefined;
}
