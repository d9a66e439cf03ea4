import http from "node:http";
import next from "next";
import { PROJECT_ROOT } from "@/lib/config/paths";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import type { Verifier } from "@/lib/verify/verifier";
import { forwardedClientAddress, type ProxyTrust } from "@/lib/net/forwarded-client";
import { createLimitedServer, DEFAULT_LIMITS } from "./limited-server";

export type RunningServer = { close(): Promise<void> };

// The client's address for rate limits, sign-in throttling and the audit
// trail, per TRUST_PROXY (lib/net/forwarded-client.ts).
export function clientAddressResolver(trust: ProxyTrust): (request: http.IncomingMessage) => string {
  return (request) => forwardedClientAddress({ socketAddress: request.socket.remoteAddress, forwardedFor: request.headers["x-forwarded-for"] }, trust);
}

// Our own node:http server in front of Next: key verification is answered
// here directly (a Next route handler would cost ~40x in throughput), every
// other request goes to Next with the real client address stamped on it.
export async function startHttpServer(options: {
  host: string;
  port: number;
  verifier: Verifier;
  clientAddress: (request: http.IncomingMessage) => string;
  maxConnections?: number;
}): Promise<RunningServer> {
  const app = next({ dev: false, dir: PROJECT_ROOT, hostname: options.host, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createLimitedServer((request, response) => {
    if (options.verifier.handles(request.url)) return options.verifier.handle(request, response);
    request.headers[CLIENT_ADDRESS_HEADER] = options.clientAddress(request);
    handle(request, response).catch((error: unknown) => {
      console.error("Request failed", error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  }, { ...DEFAULT_LIMITS, maxConnections: options.maxConnections ?? DEFAULT_LIMITS.maxConnections });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      }),
  };
}
