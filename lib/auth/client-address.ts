// Set by our HTTP server (lib/runtime/http-server.ts) from the socket, after
// dropping any value a client sent, so it can be trusted for rate limiting.
export const CLIENT_ADDRESS_HEADER = "x-secret-keys-client-address";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

export function clientAddressFrom(headers: HeaderSource): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  const address = Array.isArray(value) ? value[0] : value;
  return address || "unknown";
}

export function userAgentFrom(headers: HeaderSource): string | undefined {
  const value = headers instanceof Headers ? headers.get("user-agent") : headers?.["user-agent"];
  return (Array.isArray(value) ? value[0] : value) ?? undefined;
}
