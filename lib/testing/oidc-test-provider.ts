import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// A real OpenID Connect provider (oidc-provider) on loopback for the SSO
// tests, with its development login page: whatever login is typed signs in
// as that account (any password). An account's claims come from
// `accounts` when the test set them, else from the login itself: an email
// address, verified; "unverified:" before it, not verified.
export type TestIdp = {
  issuer: string;
  client: { id: string; secret: string };
  // A second client registered with the same redirect URI, as an attacker
  // with their own client at the same provider could.
  otherClient: { id: string; secret: string };
  accounts: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
};

export async function startTestIdp(options: { redirectUri: string; port?: number }): Promise<TestIdp> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, Record<string, unknown>>();
  const client = { id: "secret-keys", secret: randomBytes(24).toString("base64url") };
  const otherClient = { id: "another-client", secret: randomBytes(24).toString("base64url") };
  const registered = (c: { id: string; secret: string }) => ({
    client_id: c.id,
    client_secret: c.secret,
    redirect_uris: [options.redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
  });
  // Loaded here: oidc-provider is ESM only, and the e2e harness runs as CommonJS.
  const { default: Provider } = await import("oidc-provider");
  const provider = new Provider(issuer, {
    clients: [registered(client), registered(otherClient)],
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => {
        const unverified = id.startsWith("unverified:");
        const email = unverified ? id.slice("unverified:".length) : id;
        return {
          sub: createHash("sha256").update(id).digest("hex").slice(0, 24),
          email,
          email_verified: !unverified,
          name: email.split("@")[0],
          ...accounts.get(id),
        };
      },
    }),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The identity goes in the id_token, as Google, Entra ID or Okta send it.
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(16).toString("hex")] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
  });
  // The provider reports a rejected request as an event; the test sees the outcome.
  provider.on("server_error", () => {});
  server.on("request", provider.callback());
  return {
    issuer,
    client,
    otherClient,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
