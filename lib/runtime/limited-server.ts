import http from "node:http";
import type net from "node:net";
import { addressGroup } from "@/lib/net/address-group";

export type ServerLimits = {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  maxConnectionsPerAddress: number;
};

export const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
  maxConnections: 10_000,
  maxConnectionsPerAddress: 256,
};

// Slow or idle clients cannot hold connections open for ever: headers must
// arrive within 10 s and a whole request within 30 s; idle keep-alive
// connections close after 65 s (longer than common load balancers' 60 s, so
// they close first); past maxConnections new connections are refused. One
// address cannot take them all (maxConnectionsPerAddress), and when the
// server fills up, idle keep-alive connections are closed first to make room.
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

  const perAddress = new Map<string, number>();
  let open = 0;
  server.on("connection", (socket: net.Socket) => {
    const address = addressGroup(socket.remoteAddress ?? "unknown");
    const count = (perAddress.get(address) ?? 0) + 1;
    if (count > limits.maxConnectionsPerAddress) return void socket.destroy();
    perAddress.set(address, count);
    open++;
    if (open >= limits.maxConnections * 0.8) server.closeIdleConnections();
    socket.once("close", () => {
      open--;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left === 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });
  return server;
}
