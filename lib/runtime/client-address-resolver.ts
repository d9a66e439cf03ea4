import type http from "node:http";
import { forwardedClientAddress, type ProxyTrust } from "@/lib/net/forwarded-client";

// The client's address for rate limits, sign-in throttling and the audit
// trail, per TRUST_PROXY (lib/net/forwarded-client.ts). Worked out once per
// connection and X-Forwarded-For value: a connection keeps its peer, and a
// proxy's connection carries one client after another, each with its header.
export function clientAddressResolver(trust: ProxyTrust): (request: http.IncomingMessage) => string {
  const known = new WeakMap<object, { forwardedFor: string | string[] | undefined; address: string }>();
  return (request) => {
    const { socket } = request;
    const forwardedFor = request.headers["x-forwarded-for"];
    const last = socket ? known.get(socket) : undefined;
    if (last && last.forwardedFor === forwardedFor) return last.address;
    const address = forwardedClientAddress({ socketAddress: socket?.remoteAddress, forwardedFor }, trust);
    if (socket) known.set(socket, { forwardedFor, address });
    return address;
  };
}
