import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, reportCspViolations, test } from "./fixtures";
import { createKeyActionId } from "./key-actions";

const port = Number(process.env.E2E_PORT);

// A raw request with any Host header (browsers and fetch will not forge one).
function rawRequest(options: { method?: string; path: string; host: string; body?: string; headers?: Record<string, string> }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, method: options.method ?? "GET", path: options.path, headers: { host: options.host, ...options.headers } },
      (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

test("a DNS-rebinding name reaches no page, sign-in or action, while the verification API still answers", async () => {
  const foreign = `rebind.attacker.test:${port}`;
  expect((await rawRequest({ path: "/settings/secret-keys", host: foreign })).status).toBe(421);
  expect((await rawRequest({ path: "/setup", host: foreign })).status).toBe(421);
  const signIn = await rawRequest({
    method: "POST",
    path: "/api/auth/callback/credentials",
    host: foreign,
    headers: { origin: `http://${foreign}`, "content-type": "application/x-www-form-urlencoded" },
    body: "email=olivia%40acme.test&password=guess",
  });
  expect(signIn.status).toBe(421);
  // The platform's services verify keys under whatever name they use.
  const verify = await rawRequest({
    method: "POST",
    path: "/api/v1/keys/verify",
    host: "keys.internal:8080",
    body: "{}",
    headers: { "content-type": "application/json" },
  });
  expect(verify.status).toBe(400);
  // The panel's own names work.
  expect((await rawRequest({ path: "/signin", host: `127.0.0.1:${port}` })).status).toBe(200);
});

test("a post without Origin from a page elsewhere (its Referer) is refused", async () => {
  const post = (referer: string) =>
    rawRequest({ method: "POST", path: "/settings/security", host: `localhost:${port}`, headers: { referer, "content-type": "text/plain" }, body: "x" });
  expect(await post("https://evil.test/page")).toMatchObject({ status: 403, body: "Cross-site request refused." });
  expect((await post(`http://localhost:${port}/settings/security`)).status).not.toBe(403);
});

test("a cross-site form posting to the panel is refused and changes nothing", async ({ page }) => {
  // The owner's create call shows the action id a forger would replay.
  const actionId = await createKeyActionId(page, "Made by the owner");

  // An attacker's page on another site auto-submits a form to the panel in the owner's browser.
  const attacker = http.createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<form id="f" method="POST" enctype="multipart/form-data" action="http://localhost:${port}/settings/secret-keys">
      <input name="$ACTION_ID_${actionId}" value=""><input name="name" value="Forged cross-site"><input name="environment" value="PRODUCTION">
      <input name="permission" value="FULL"><input name="expiresInDays" value="never"></form><script>document.getElementById("f").submit()</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  try {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`http://localhost:${port}/settings/secret-keys`) && r.request().method() === "POST"),
      page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`),
    ]);
    expect(response.status()).toBe(403);
  } finally {
    attacker.close();
  }
  await page.goto("/settings/secret-keys");
  await expect(page.getByRole("row", { name: /Made by the owner/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Forged cross-site/ })).toHaveCount(0);
});

test("pages carry a strict Content-Security-Policy with a fresh nonce on every script", async ({ page, browser }) => {
  const first = await page.goto("/settings/secret-keys");
  const policy = first!.headers()["content-security-policy"];
  expect(policy).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(first!.headers()["cross-origin-opener-policy"]).toBe("same-origin");
  const nonce = /'nonce-([^']+)'/.exec(policy)![1];
  const scripts = await page.locator("script").evaluateAll((elements) => elements.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const scriptNonce of scripts) expect(scriptNonce).toBe(nonce);
  const second = await page.goto("/settings/secret-keys");
  expect(second!.headers()["content-security-policy"]).not.toBe(policy);
  // Injected markup's inline script (the usual XSS) does not run (in a
  // context of its own: this test's context fails on any violation).
  const probe = await browser.newContext();
  const violations = await reportCspViolations(probe);
  const probePage = await probe.newPage();
  await probePage.goto("/signin");
  await probePage.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", '<img src="/no-such-image.png" onerror="window.__injected = true">');
  });
  await expect.poll(() => violations).toEqual([expect.stringContaining("script-src")]);
  expect(await probePage.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  await probe.close();
});
