import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { headers } from "next/headers";
import { after } from "next/server";
import { AppError, RateLimitedError } from "@/lib/errors";
import { signInWithSso, SsoRefusedError } from "@/lib/sso/sign-in-with-sso";
import { ssoConfig, type SsoConfig } from "@/lib/sso/sso-config";
import { describeAuthError } from "./auth-log";
import { createAuthSession, revokeAuthSession, SESSION_MAX_AGE_SECONDS } from "./auth-sessions";
import { authenticate } from "./authenticate";
import { signInWithPasskey } from "./passkey-sign-in";
import { clientAddressFrom, userAgentFrom } from "./client-address";
import { isLiveSession, SessionEndedError } from "./live-session";
import { sessionCookieFor } from "./session-cookie";
import { reportThrottled } from "./throttled-sign-in";

const sessionCookie = sessionCookieFor(process.env.NEXTAUTH_URL);
export const SESSION_COOKIE = sessionCookie.name;

type RequestLike = { headers?: Record<string, string | string[] | undefined> };

// A failed sign-in's audit event is written once the refusal is sent, so a
// known email's refusal is not slower than an unknown one's.
const afterResponse = (task: () => Promise<void>) => after(() => task().catch((error: unknown) => console.error("Recording a failed sign-in failed", error)));

type SignedIn = { id: string; email: string; name: string; sessionId: string };

// Runs one way of signing in with the request's address and user agent.
// next-auth hands a thrown message to the sign-in form; only our own
// user-facing messages may travel that way.
async function signInWith(request: unknown, signIn: (ipAddress: string, userAgent: string | undefined) => Promise<SignedIn>): Promise<SignedIn> {
  const headers = (request as RequestLike).headers;
  try {
    return await signIn(clientAddressFrom(headers), userAgentFrom(headers));
  } catch (error) {
    if (error instanceof RateLimitedError) reportThrottled(error.retryAfterSeconds);
    if (error instanceof AppError) throw new Error(error.message);
    console.error("Sign-in failed unexpectedly", error);
    throw new Error("Sign-in is unavailable right now. Try again in a moment.");
  }
}

export const SSO_PROVIDER_ID = "oidc";

// next-auth's OpenID Connect client for the configured identity provider:
// discovery from the issuer, the authorization code flow with PKCE, state
// and nonce checks, and the identity read from the verified id_token
// (signature, issuer, audience, expiry). The default query response mode:
// no form_post page, which the panel's CSP would block.
function ssoProvider(config: SsoConfig): OAuthConfig<Record<string, unknown>> {
  return {
    id: SSO_PROVIDER_ID,
    name: "SSO",
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // The claims are checked in the signIn callback (signInWithSso); next-auth
    // only needs an id here.
    profile: (claims) => ({ id: typeof claims.sub === "string" && claims.sub ? claims.sub : "unknown" }),
  };
}

// A malformed OIDC_* setting stops npm start (scripts/start.ts); should the
// app run anyway, SSO stays off.
function configuredSso(): SsoConfig | null {
  try {
    return ssoConfig();
  } catch (error) {
    console.error("Single sign-on is off:", error instanceof Error ? error.message : error);
    return null;
  }
}
const sso = configuredSso();

// An SSO sign-in that passed next-auth's checks: the person must be a member
// (or join, where allowed) before a session exists. A refusal goes back to
// the sign-in page with its reason only.
async function completeSsoSignIn(user: { sessionId?: string }, claims: unknown): Promise<true | string> {
  if (!sso) return "/signin?sso=unavailable";
  try {
    const requestHeaders = await headers();
    const { sessionId } = await signInWithSso({
      claims,
      defaultRole: sso.defaultRole,
      ipAddress: clientAddressFrom(requestHeaders),
      userAgent: userAgentFrom(requestHeaders),
    });
    // Without an adapter next-auth hands this same user object to the jwt
    // callback, which puts the session id in the cookie (as authorize() does).
    user.sessionId = sessionId;
    return true;
  } catch (error) {
    if (error instanceof SsoRefusedError) return `/signin?sso=${error.reason}`;
    console.error("SSO sign-in failed unexpectedly:", describeAuthError(error));
    return "/signin?sso=unavailable";
  }
}

// The JWT carries only the id of a server-side AuthSession row. Every request
// checks that row (lib/auth/current-member.ts), so signing out or revoking a
// session ends it at once, even for a copied cookie.
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  cookies: { sessionToken: sessionCookie },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" }, passkey: { type: "text" } },
      authorize: (credentials, request) =>
        signInWith(request, async (ipAddress, userAgent) => {
          const user = await authenticate({ credentials, ipAddress, userAgent, defer: afterResponse });
          const { sessionId } = await createAuthSession({
            userId: user.id,
            ipAddress,
            userAgent,
            proof: { method: "password", whilePasswordHash: user.passwordHash },
          });
          return { id: user.id, email: user.email, name: user.name, sessionId };
        }),
    }),
    CredentialsProvider({
      id: "passkey",
      name: "Passkey",
      credentials: { passkey: { type: "text" } },
      authorize: (credentials, request) =>
        signInWith(request, async (ipAddress, userAgent) => {
          const user = await signInWithPasskey({ answer: credentials?.passkey, ipAddress, userAgent });
          const { sessionId } = await createAuthSession({ userId: user.id, ipAddress, userAgent, proof: { method: "passkey" } });
          return { id: user.id, email: user.email, name: user.name, sessionId };
        }),
    }),
    ...(sso ? [ssoProvider(sso)] : []),
  ],
  callbacks: {
    // Password sign-ins did everything in authorize(); SSO ones happen here.
    async signIn({ user, account, profile }) {
      if (account?.provider !== SSO_PROVIDER_ID) return true;
      return completeSsoSignIn(user as { sessionId?: string }, profile);
    },
    async jwt({ token, user }) {
      if (user) {
        token.sid = (user as { sessionId?: string }).sessionId;
        return token;
      }
      // next-auth's own /api/auth/session decodes the cookie without asking
      // us; throwing makes it answer {} and clear the cookie, as pages do.
      if (!(await isLiveSession(token.sid))) throw new SessionEndedError();
      return token;
    },
    session({ session }) {
      return session;
    },
  },
  logger: {
    error(code, metadata) {
      // An ended session is an answer, not a fault.
      if (metadata instanceof SessionEndedError) return;
      console.error(`[next-auth][error][${code}]`, describeAuthError(metadata));
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await revokeAuthSession(token.sid);
    },
  },
};
