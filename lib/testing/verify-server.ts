import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseServiceTokens } from "@/lib/verify/service-tokens";
import { createVerifier, type Verifier } from "@/lib/verify/verifier";

// One "app instance" of the verification API on its own port, for tests and
// benchmarks. The client address comes from an x-test-address header so a
// test can act as several clients.
export async function startVerifyServer(options: {
  databaseUrl: string;
  directDatabaseUrl?: string;
  invalidKeyLimitPerMinute?: number;
  flushIntervalMs?: number;
  serviceTokens?: string;
  bodyTimeoutMs?: number;
  log?: (message: string) => void;
}) {
  const verifier: Verifier = createVerifier({
    databaseUrl: options.databaseUrl,
    directDatabaseUrl: options.directDatabaseUrl,
    hashSecret: process.env.KEY_HASH_SECRET!,
    invalidKeyLimitPerMinute: options.invalidKeyLimitPerMinute ?? 1_000,
    flushIntervalMs: options.flushIntervalMs ?? 60_000,
    serviceTokens: parseServiceTokens(options.serviceTokens),
    bodyTimeoutMs: options.bodyTimeoutMs,
    clientAddress: (request) => (request.headers["x-test-address"] as string | undefined) ?? request.socket.remoteAddress ?? "unknown",
    log: options.log ?? (() => {}),
  });
  const server = http.createServer((request, response) => {
    if (verifier.handles(request.url)) return verifier.handle(request, response);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (let waited = 0; !verifier.listening && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  return {
    url,
    verifier,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await verifier.close();
    },
  };
}

export async function verifyCall(baseUrl: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/api/v1/keys/verify`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: body instanceof Uint8Array ? new Uint8Array(body) : typeof body === "string" ? body : JSON.stringify(body),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, json: bytes.length ? JSON.parse(bytes.toString()) : null };
}
