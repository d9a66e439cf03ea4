import { describe, expect, it } from "vitest";
import { checkPanelRequest, contentSecurityPolicy, panelHosts, securityHeaders } from "./panel-guard";

const local = panelHosts({ publicUrl: undefined, port: 3000 });
const production = panelHosts({ publicUrl: "https://Keys.Example.com/", port: 3000, extraHosts: "internal-lb:8080" });
const request = (overrides: Partial<Parameters<typeof checkPanelRequest>[0]>) => ({
  method: "GET",
  host: "localhost:3000",
  origin: undefined,
  referer: undefined,
  fetchSite: undefined,
  ...overrides,
});

describe("panelHosts", () => {
  it("answers to the loopback names in the embedded default, and only to the public host when one is set", () => {
    expect([...local.hosts]).toEqual(["localhost:3000", "127.0.0.1:3000", "[::1]:3000"]);
    expect([...production.hosts]).toEqual(["keys.example.com", "internal-lb:8080"]);
    expect(production.origins.has("https://keys.example.com")).toBe(true);
    expect(production.https).toBe(true);
  });

  it.each(["ftp://x", "not a url"])("refuses NEXTAUTH_URL %j clearly", (publicUrl) => {
    expect(() => panelHosts({ publicUrl, port: 3000 })).toThrow(/NEXTAUTH_URL/);
  });

  it("refuses a malformed ALLOWED_HOSTS entry", () => {
    expect(() => panelHosts({ publicUrl: undefined, port: 3000, extraHosts: "evil.test/path" })).toThrow(/ALLOWED_HOSTS/);
  });
});

describe("checkPanelRequest", () => {
  it("serves the panel's own names", () => {
    expect(checkPanelRequest(request({}), local)).toBeNull();
    expect(checkPanelRequest(request({ host: "127.0.0.1:3000" }), local)).toBeNull();
    expect(checkPanelRequest(request({ host: "KEYS.example.com" }), production)).toBeNull();
  });

  it.each([
    ["a DNS-rebinding name", "rebind.attacker.test:3000"],
    ["the right name on another port", "localhost:3001"],
    ["no Host at all", undefined],
    ["a loopback name in production", "localhost:3000"],
  ])("refuses %s with 421", (_label, host) => {
    const hosts = host === "localhost:3000" ? production : local;
    expect(checkPanelRequest(request({ host }), hosts)).toMatchObject({ status: 421 });
  });

  it("refuses an absolute URL as the request target (it would be echoed into redirects)", () => {
    expect(checkPanelRequest(request({ target: "http://evil.test/setup" }), local)).toMatchObject({ status: 400 });
    expect(checkPanelRequest(request({ target: "/setup" }), local)).toBeNull();
  });

  it("refuses a foreign Host even when Origin agrees with it (the rebinding page's own origin)", () => {
    expect(checkPanelRequest(request({ method: "POST", host: "rebind.attacker.test:3000", origin: "http://rebind.attacker.test:3000" }), local)).toMatchObject({
      status: 421,
    });
  });

  it.each([
    ["a foreign Origin", { origin: "https://evil.test" }],
    ["Origin null (sandboxed or file page)", { origin: "null" }],
    ["another port of the same host", { origin: "http://localhost:4000" }],
    ["a cross-site fetch without Origin", { fetchSite: "cross-site" }],
    ["a same-site (other port) fetch", { fetchSite: "same-site" }],
    ["https Origin for an http panel", { origin: "https://localhost:3000" }],
    ["another of the panel's own names than the Host", { origin: "http://127.0.0.1:3000" }],
    ["no Origin and a foreign Referer", { referer: "https://evil.test/page" }],
    ["no Origin and a Referer of another port", { referer: "http://localhost:4000/settings" }],
    ["no Origin and a Referer that is not a URL", { referer: "not a url" }],
  ])("refuses a state-changing request from %s", (_label, headers) => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(checkPanelRequest(request({ method, ...headers }), local)).toMatchObject({ status: 403 });
    }
  });

  it("lets the panel's own pages, and non-browser clients without Origin, post", () => {
    expect(checkPanelRequest(request({ method: "POST", origin: "http://localhost:3000", fetchSite: "same-origin" }), local)).toBeNull();
    expect(checkPanelRequest(request({ method: "POST" }), local)).toBeNull();
    expect(checkPanelRequest(request({ method: "POST", referer: "http://localhost:3000/settings/security?tab=1" }), local)).toBeNull();
    // Origin is what counts when both are sent; a Referer never overrides a foreign Origin.
    expect(checkPanelRequest(request({ method: "POST", origin: "https://evil.test", referer: "http://localhost:3000/" }), local)).toMatchObject({
      status: 403,
    });
    expect(checkPanelRequest(request({ method: "POST", host: "keys.example.com", origin: "https://keys.example.com" }), production)).toBeNull();
  });

  it("does not refuse reading from another site (links to the panel work)", () => {
    expect(checkPanelRequest(request({ fetchSite: "cross-site" }), local)).toBeNull();
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts only with the nonce, no plugins, no base, no framing", () => {
    const policy = contentSecurityPolicy("abc123==", false);
    expect(policy).toContain("script-src 'nonce-abc123==' 'strict-dynamic'");
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(policy).toContain(directive);
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("adds HSTS and upgrades only for an https panel", () => {
    const names = (https: boolean) => securityHeaders("n", https).map(([name]) => name);
    expect(names(true)).toContain("strict-transport-security");
    expect(names(false)).not.toContain("strict-transport-security");
    expect(securityHeaders("n", false)).toContainEqual(["cross-origin-opener-policy", "same-origin"]);
  });
});
