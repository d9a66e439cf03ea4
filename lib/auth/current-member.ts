import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { isSetupComplete } from "@/lib/setup/setup-state";
import { SESSION_COOKIE } from "./auth-options";
import { resolveMember, type Member } from "./resolve-member";

// The signed-in member of this request, or null. Cached per request.
export const getCurrentMember = cache(async (): Promise<Member | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token || !process.env.NEXTAUTH_SECRET) return null;
  const payload = await decode({ token, secret: process.env.NEXTAUTH_SECRET }).catch(() => null);
  if (typeof payload?.sid !== "string") return null;
  return resolveMember(payload.sid);
});

// For pages: sends a visitor to first-run setup or sign-in as needed.
export async function requireMemberPage(): Promise<Member> {
  if (!(await isSetupComplete())) redirect("/setup");
  const member = await getCurrentMember();
  if (!member) redirect("/signin");
  return member;
}

// For server actions and route handlers: an error, never a redirect.
export async function requireMember(): Promise<Member> {
  const member = await getCurrentMember();
  if (!member) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return member;
}
