import { expect, test } from "./fixtures";
import { OWNER } from "./owner";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a wrong password is refused with a clear message, the right one signs in", async ({ page }) => {
    await page.goto("/settings/secret-keys");
    await expect(page).toHaveURL(/\/signin$/);

    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Enter your email address.");

    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("That email and password do not match an account.");
    await expect(page).toHaveURL(/\/signin$/);

    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/secret-keys$/);
    await expect(page.getByTestId("current-user")).toHaveText(OWNER.name);

    // The refusal's audit event is written after the answer, but written.
    await page.goto("/settings/audit-log?action=auth.sign_in_failed");
    await expect(page.getByRole("row").filter({ hasText: "Sign-in failed" }).first()).toContainText(OWNER.email);
  });

  test("a burst of wrong passwords is answered 429 with Retry-After, and the form says how long to wait", async ({ page, playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL });
    const email = `nobody-${Date.now()}@example.test`;
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const attempt = () =>
      api.post("/api/auth/callback/credentials", {
        form: { email, password: "a guess", csrfToken, json: "true", callbackUrl: `${baseURL}/settings/secret-keys` },
      });
    const responses = await Promise.all(Array.from({ length: 8 }, attempt));
    const statuses = responses.map((r) => r.status());
    expect(statuses.filter((status) => status === 401).length, statuses.join()).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length, statuses.join()).toBeGreaterThanOrEqual(3);

    const throttled = responses.find((r) => r.status() === 429)!;
    expect(Number(throttled.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    // The body next-auth's signIn() reads: { url } with the message in its error parameter.
    const { url } = (await throttled.json()) as { url: string };
    const message = new URL(url).searchParams.get("error");
    expect(message).toMatch(/^Too many failed sign-ins\. Try again in \d+ seconds?\.$/);
    const answer = { status: 429, headers: throttled.headers(), body: await throttled.body() };
    await api.dispose();

    // The form, answered with that very response, shows the wait.
    await page.route("**/api/auth/callback/credentials", (route) => route.fulfill(answer));
    await page.goto("/signin");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a guess");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(message!);
    await expect(page).toHaveURL(/\/signin$/);
  });
});

test("signing out ends the session at once, even for a copy of its cookie", async ({ page, browser }) => {
  await page.goto("/settings/members");
  await expect(page.getByRole("cell", { name: OWNER.email })).toBeVisible();
  // Sign in a second time so the shared owner session stays usable for other tests.
  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/secret-keys$/);
  const copiedCookies = await page.context().cookies();
  expect(await (await page.request.get("/api/auth/session")).json()).toMatchObject({ user: { email: OWNER.email, name: OWNER.name } });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  const thief = await browser.newContext({ storageState: { cookies: copiedCookies, origins: [] } });
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/settings/members");
  await expect(thiefPage).toHaveURL(/\/signin$/);
  // next-auth's own session endpoint reads the copied cookie as signed out too.
  expect((await thief.cookies()).map((c) => c.name)).toContain("secret-keys.session");
  expect(await (await thief.request.get("/api/auth/session")).json()).toEqual({});
  await thief.close();
});

test("the settings shell shows the organization, the user and the navigation", async ({ page }) => {
  await page.goto("/settings/secret-keys");
  const nav = page.getByRole("navigation", { name: "Settings" });
  for (const name of ["Secret Keys", "Usage", "Incidents", "Audit log", "Members", "Security"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "Secret Keys" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  await expect(page.getByRole("cell", { name: OWNER.email })).toBeVisible();
});

test("every settings page fits a phone-sized screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  for (const [path, heading] of [
    ["/settings/secret-keys", "Secret Keys"],
    ["/settings/usage", "Usage"],
    ["/settings/audit-log", "Audit log"],
    ["/settings/incidents", "Incidents"],
    ["/settings/members", "Members"],
    ["/settings/security", "Security"],
    ["/settings/sessions", "Sessions"],
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await expect(page.getByText("This browser")).toBeVisible();
});
