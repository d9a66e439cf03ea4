import http from "node:http";

export type ServerLimits = { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number; maxConnections: number };

export const DEFAULT_LIMITS: ServerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000, maxConnections: 10_000 };

// Slow or idle clients cannot hold connections open for ever: headers must
// arrive within 10 s and a whole request within 30 s; idle keep-alive
// connections close after 65 s (longer than common load balancers' 60 s, so
// they close first); past maxConnections new connections are refused.
export function createLimitedServer(handler: http.RequestListener, limits: ServerLimits = DEFAULT_LIMITS): http.Server {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      maxHeaderSize: 16 * 1024,
      // How often the timeouts above are checked (default 30 s).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    handler,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxHeadersCount = 100;
  server.maxConnections = limits.maxConnections;
  return server;
}
