import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Resolver } from "@/lib/net/guarded-lookup";
import { postWebhook } from "./post-webhook";

// Real sockets, loopback only; names come from a fake resolver.
const received: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

async function serve(handler: http.RequestListener | ((socket: net.Socket) => void), raw = false): Promise<number> {
  const server = raw ? net.createServer(handler as (socket: net.Socket) => void) : http.createServer(handler as http.RequestListener);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

let port: number;
beforeAll(async () => {
  port = await serve((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ url: request.url ?? "", headers: request.headers, body });
      response.writeHead(request.url === "/fails" ? 500 : 200).end("ok");
    });
  });
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const toLoopback: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
const noDns: Resolver = async () => {
  throw new Error("a literal host must not be looked up");
};
const post = (url: string, extra: Partial<Parameters<typeof postWebhook>[0]> = {}) =>
  postWebhook({ url, headers: { "x-test": "1" }, body: '{"event":"x"}', timeoutMs: 2_000, allowPrivate: false, ...extra });
const got = (path: string) => received.filter((r) => r.url === path).length;

describe("postWebhook", () => {
  it("refuses a name resolving to loopback at connect time, and sends nothing", async () => {
    expect(await post(`http://hooks.example.test:${port}/rebound`, { resolve: toLoopback })).toEqual({ kind: "refused" });
    expect(got("/rebound")).toBe(0);
  });

  it.each(["127.0.0.1", "0x7f.1", "2130706433", "[::1]", "[::ffff:127.0.0.1]"])("refuses the literal %s before connecting, without a lookup", async (host) => {
    expect(await post(`http://${host}:${port}/literal`, { resolve: noDns })).toEqual({ kind: "refused" });
    expect(got("/literal")).toBe(0);
  });

  it("sends to loopback when private destinations are allowed, headers and body intact", async () => {
    expect(await post(`http://hooks.example.test:${port}/allowed`, { resolve: toLoopback, allowPrivate: true })).toEqual({ kind: "answered", status: 200 });
    expect(await post(`http://127.0.0.1:${port}/fails`, { resolve: noDns, allowPrivate: true })).toEqual({ kind: "answered", status: 500 });
    const request = received.find((r) => r.url === "/allowed")!;
    expect(request.body).toBe('{"event":"x"}');
    expect(request.headers).toMatchObject({ "x-test": "1", host: `hooks.example.test:${port}`, "content-length": "13" });
  });

  it("does not follow redirects", async () => {
    const redirect = await serve((_, response) => response.writeHead(302, { location: `http://127.0.0.1:${port}/redirected` }).end());
    expect(await post(`http://127.0.0.1:${redirect}/`, { allowPrivate: true })).toEqual({ kind: "answered", status: 302 });
    expect(got("/redirected")).toBe(0);
  });

  it("stops reading an answer's body after 64 KiB", async () => {
    const endless = await serve((_, response) => {
      response.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, "a");
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once("drain", pump);
      };
      pump();
    });
    const started = Date.now();
    expect(await post(`http://127.0.0.1:${endless}/`, { allowPrivate: true, timeoutMs: 10_000 })).toEqual({ kind: "answered", status: 200 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reports every network failure alike: closed port, silence, not HTTP, unknown name", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const silent = await serve(() => {}, true);
    const banner = await serve((socket: net.Socket) => socket.end("SSH-2.0-OpenSSH_9.6\r\n"), true);
    const unknown: Resolver = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.test"), { code: "ENOTFOUND" });
    };
    const options = { allowPrivate: true, timeoutMs: 300 };
    expect(await post(`http://127.0.0.1:${closedPort}/`, options)).toEqual({ kind: "unreachable" });
    expect(await post(`http://127.0.0.1:${silent}/`, options)).toEqual({ kind: "unreachable" });
    expect(await post(`http://127.0.0.1:${banner}/`, options)).toEqual({ kind: "unreachable" });
    expect(await post("http://nowhere.test/", { ...options, resolve: unknown })).toEqual({ kind: "unreachable" });
  });

  it("refuses a scheme other than http(s), and a URL that does not parse", async () => {
    expect(await post(`ftp://127.0.0.1:${port}/`, { allowPrivate: true })).toEqual({ kind: "refused" });
    expect(await post("http://[::1/", { allowPrivate: true })).toEqual({ kind: "refused" });
  });
});
