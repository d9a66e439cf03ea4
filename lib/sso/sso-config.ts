import type { Role } from "@/lib/generated/prisma/enums";

export type SsoConfig = { issuer: string; clientId: string; clientSecret: string; defaultRole: Role };

const JOIN_ROLES: readonly Role[] = ["MEMBER", "SECURITY", "ADMIN", "OWNER"];

// The identity provider from OIDC_ISSUER, OIDC_CLIENT_ID and
// OIDC_CLIENT_SECRET, or null when none is set. A partial or malformed
// setting throws (npm start refuses to run with it) rather than silently
// leaving SSO off. The messages never repeat the client secret.
export function ssoConfigFrom(env: Record<string, string | undefined>): SsoConfig | null {
  const issuer = env.OIDC_ISSUER?.trim() ?? "";
  const clientId = env.OIDC_CLIENT_ID?.trim() ?? "";
  const clientSecret = env.OIDC_CLIENT_SECRET ?? "";
  if (!issuer && !clientId && !clientSecret) return null;
  const missing = [
    ["OIDC_ISSUER", issuer],
    ["OIDC_CLIENT_ID", clientId],
    ["OIDC_CLIENT_SECRET", clientSecret],
  ].filter(([, value]) => !value);
  if (missing.length > 0)
    throw new Error(`Single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET; ${missing.map(([name]) => name).join(" and ")} not set.`);
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error("OIDC_ISSUER must be the identity provider's issuer URL, such as https://login.example.com/realms/acme.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("OIDC_ISSUER must start with https:// (or http:// on loopback).");
  if (url.username || url.password || url.search || url.hash) throw new Error("OIDC_ISSUER must be a plain URL, without credentials, query or fragment.");
  const rawRole = env.OIDC_DEFAULT_ROLE?.trim();
  // Owner only when the setting says so in as many words: never by a typo's fallback.
  const defaultRole = rawRole ? (rawRole.toUpperCase() as Role) : "MEMBER";
  if (!JOIN_ROLES.includes(defaultRole)) throw new Error(`OIDC_DEFAULT_ROLE must be one of ${JOIN_ROLES.join(", ")}, not "${rawRole}".`);
  return { issuer: issuer.replace(/\/+$/, ""), clientId, clientSecret, defaultRole };
}

// The running server's SSO configuration (see ssoConfigFrom).
export function ssoConfig(): SsoConfig | null {
  return ssoConfigFrom(process.env);
}

// For pages: whether "Sign in with SSO" can be offered. A malformed setting
// reads as off here; npm start reports it.
export function isSsoConfigured(): boolean {
  try {
    return ssoConfig() !== null;
  } catch {
    return false;
  }
}
