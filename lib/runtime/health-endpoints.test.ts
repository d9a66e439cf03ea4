import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { healthEndpoints } from "./health-endpoints";
import type { Readiness } from "./readiness";

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(readiness: () => Promise<Readiness>): Promise<string> {
  const endpoints = healthEndpoints(readiness);
  server = http.createServer((request, response) => {
    if (endpoints.handles(request.url)) return endpoints.handle(request, response);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe("health endpoints", () => {
  it("/healthz answers 200 under any Host, without asking the database", async () => {
    let asked = 0;
    const url = await serve(async () => {
      asked++;
      return { ready: true };
    });
    const response = await fetch(`${url}/healthz`, { headers: { host: "anything.example" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(asked).toBe(0);
  });

  it("/readyz answers 200 when ready and 503 with only a short reason otherwise", async () => {
    let state: Readiness = { ready: true };
    const url = await serve(async () => state);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    state = { ready: false, reason: "notifications" };
    const response = await fetch(`${url}/readyz?verbose=1`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", reason: "notifications" });
  });

  it("answers a failing check as the database being unavailable, with no error text", async () => {
    const url = await serve(() => Promise.reject(new Error("password authentication failed for user secret")));
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe(JSON.stringify({ status: "unavailable", reason: "database" }));
  });

  it("refuses other methods and leaves other paths alone", async () => {
    const url = await serve(async () => ({ ready: true }));
    expect((await fetch(`${url}/readyz`, { method: "POST" })).status).toBe(405);
    expect((await fetch(`${url}/healthz/../settings`)).status).toBe(404);
    expect((await fetch(`${url}/healthzz`)).status).toBe(404);
  });
});
