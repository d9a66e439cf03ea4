import { randomBytes } from "node:crypto";
import type http from "node:http";
import next from "next";
import { PROJECT_ROOT } from "@/lib/config/paths";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import type { Verifier } from "@/lib/verify/verifier";
import { checkPanelRequest, securityHeaders, type PanelHosts } from "@/lib/security/panel-guard";
import type { HealthEndpoints } from "./health-endpoints";
import { createLimitedServer, DEFAULT_LIMITS } from "./limited-server";

export type RunningServer = { close(): Promise<void> };

function refuseForeignRequest(request: http.IncomingMessage, response: http.ServerResponse, hosts: PanelHosts): boolean {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const refusal = checkPanelRequest(
    {
      method: request.method,
      target: request.url,
      host: header("host"),
      origin: header("origin"),
      referer: header("referer"),
      fetchSite: header("sec-fetch-site"),
    },
    hosts,
  );
  if (!refusal) return false;
  response.writeHead(refusal.status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
  response.end(refusal.message);
  return true;
}

// Our own node:http server in front of Next: key verification and the
// health checks are answered here directly, under any Host (a Next route
// handler would cost ~40x in throughput), every other request goes to Next
// with the real client address stamped on it.
export async function startHttpServer(options: {
  host: string;
  port: number;
  verifier: Verifier;
  health?: HealthEndpoints;
  clientAddress: (request: http.IncomingMessage) => string;
  panelHosts: PanelHosts;
  maxConnections?: number;
  maxConnectionsPerAddress?: number;
}): Promise<RunningServer> {
  const app = next({ dev: false, dir: PROJECT_ROOT, hostname: options.host, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createLimitedServer(
    (request, response) => {
      if (options.verifier.handles(request.url)) return options.verifier.handle(request, response);
      if (options.health?.handles(request.url)) return options.health.handle(request, response);
      if (refuseForeignRequest(request, response, options.panelHosts)) return;
      // A fresh nonce per response; Next reads it from the request's policy
      // header and puts it on its own scripts.
      const nonce = randomBytes(16).toString("base64");
      for (const [name, value] of securityHeaders(nonce, options.panelHosts.https)) response.setHeader(name, value);
      request.headers["content-security-policy"] = response.getHeader("content-security-policy") as string;
      delete request.headers["content-security-policy-report-only"];
      request.headers[CLIENT_ADDRESS_HEADER] = options.clientAddress(request);
      handle(request, response).catch((error: unknown) => {
        console.error("Request failed", error);
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    },
    {
      ...DEFAULT_LIMITS,
      maxConnections: options.maxConnections ?? DEFAULT_LIMITS.maxConnections,
      maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? DEFAULT_LIMITS.maxConnectionsPerAddress,
    },
  );
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
