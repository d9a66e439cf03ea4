import net from "node:net";
import type http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createLimitedServer, DEFAULT_LIMITS } from "./limited-server";

let server: http.Server | undefined;
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(limits: Partial<typeof DEFAULT_LIMITS>): Promise<number> {
  server = createLimitedServer((_request, response) => response.end("ok"), { ...DEFAULT_LIMITS, ...limits });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

function open(port: number): Promise<{ socket: net.Socket; closed: Promise<string> }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString()));
      const closed = new Promise<string>((done) => socket.on("close", () => done(received)));
      resolve({ socket, closed });
    });
    socket.on("error", () => {});
    sockets.push(socket);
  });
}

describe("createLimitedServer", () => {
  it("closes a connection whose headers never finish (slowloris)", async () => {
    const port = await listen({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const { socket, closed } = await open(port);
    socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    expect(await closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it("one address cannot take every connection", async () => {
    const port = await listen({ maxConnectionsPerAddress: 2 });
    await open(port);
    await open(port);
    const third = await open(port);
    expect(await third.closed).toBe("");
  });

  it("closes idle keep-alive connections to make room when the server fills up", async () => {
    const port = await listen({ maxConnections: 5 });
    const idle = await open(port);
    idle.socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await expect.poll(() => idle.socket.bytesRead).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) await open(port);
    // The fourth new connection reaches 80% of the cap: the idle one is closed.
    expect(await idle.closed).toMatch(/^HTTP\/1\.1 200/);
  });

  it("refuses connections past the cap, and serves again once one closes", async () => {
    const port = await listen({ maxConnections: 2 });
    const first = await open(port);
    await open(port);
    const third = await open(port);
    expect(await third.closed).toBe("");
    first.socket.destroy();
    await first.closed;
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(await response.text()).toBe("ok");
  });
});
