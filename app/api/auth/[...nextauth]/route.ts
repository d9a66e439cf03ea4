import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/auth-options";
import { answerThrottledWith429 } from "@/lib/auth/throttled-sign-in";

// next-auth's sign-in, sign-out, session and CSRF endpoints.
const handler = NextAuth(authOptions) as (request: NextRequest, context: RouteContext) => Promise<Response>;
type RouteContext = { params: Promise<{ nextauth: string[] }> };

// A throttled sign-in answers 429 with Retry-After (authorize() cannot).
export async function POST(request: NextRequest, context: RouteContext): Promise<Response> {
  return answerThrottledWith429(() => handler(request, context));
}

export { handler as GET };
