import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { isSetupComplete } from "@/lib/setup/setup-state";
import { SESSION_COOKIE } from "./auth-options";
import { resolveMember, type Member } from "./resolve-member";

export const ENROL_TWO_FACTOR_PATH = "/enrol-two-factor";
export const TWO_FACTOR_REQUIRED_MESSAGE = "Your organization requires two-factor sign-in. Add a passkey or an authenticator app first.";

// Whoever this request's session belongs to, even a member who still has to
// enrol a second factor. Cached per request.
export const getSignedInMember = cache(async (): Promise<Member | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token || !process.env.NEXTAUTH_SECRET) return null;
  const payload = await decode({ token, secret: process.env.NEXTAUTH_SECRET }).catch(() => null);
  if (typeof payload?.sid !== "string") return null;
  return resolveMember(payload.sid);
});

// The signed-in member with full access, or null: a member who must enrol a
// second factor first counts as not signed in (for route handlers).
export async function getCurrentMember(): Promise<Member | null> {
  const member = await getSignedInMember();
  return member && !member.mustEnrolTwoFactor ? member : null;
}

// enrolling: the caller is the two-factor enrolment itself, which a member
// who must enrol may use.
type Access = { enrolling?: boolean };

// For pages: sends a visitor to first-run setup, sign-in or two-factor
// enrolment as needed.
export async function requireMemberPage(access: Access = {}): Promise<Member> {
  if (!(await isSetupComplete())) redirect("/setup");
  const member = await getSignedInMember();
  if (!member) redirect("/signin");
  if (member.mustEnrolTwoFactor && !access.enrolling) redirect(ENROL_TWO_FACTOR_PATH);
  return member;
}

// For server actions and route handlers: an error, never a redirect.
export async function requireMember(access: Access = {}): Promise<Member> {
  const member = await getSignedInMember();
  if (!member) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  if (member.mustEnrolTwoFactor && !access.enrolling) throw new AppError("FORBIDDEN", TWO_FACTOR_REQUIRED_MESSAGE);
  return member;
}
