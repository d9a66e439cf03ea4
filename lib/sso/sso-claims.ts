import { emailField } from "@/lib/auth/sign-in-input";
import { singleLineText } from "@/lib/validation/single-line-text";
import { z } from "@/lib/validation/zod";
import type { SsoRefusal } from "./sso-refusals";

export type SsoIdentity = { subject: string; email: string; name: string };

const subject = z.string().min(1).max(255);
const displayName = singleLineText({ required: "No name.", max: 100 });

// The identity in an id_token's claims (already checked by next-auth's
// openid-client: signature, issuer, audience, expiry, nonce). Only a
// verified email names an account: the claim must be the boolean true (a
// provider letting users type any address would otherwise hand out every
// account). The email is compared lower-cased, as the password sign-in
// does; a missing or odd name falls back to the email's local part.
export function parseSsoClaims(claims: unknown): { identity: SsoIdentity } | { refusal: SsoRefusal } {
  const record = typeof claims === "object" && claims !== null ? (claims as Record<string, unknown>) : {};
  const rawEmail = Object.hasOwn(record, "email") ? record.email : undefined;
  // Taken as the provider sent it: an address with spaces around it is not
  // one it verified, so it is not trimmed into someone's account.
  const email = typeof rawEmail === "string" && rawEmail.trim() !== rawEmail ? emailField.safeParse(undefined) : emailField.safeParse(rawEmail);
  const sub = subject.safeParse(Object.hasOwn(record, "sub") ? record.sub : undefined);
  if (!email.success || !sub.success) return { refusal: "no-email" };
  if (!Object.hasOwn(record, "email_verified") || record.email_verified !== true) return { refusal: "unverified" };
  const name = displayName.safeParse(Object.hasOwn(record, "name") ? record.name : undefined);
  return { identity: { subject: sub.data, email: email.data, name: name.success ? name.data : email.data.split("@")[0] } };
}
