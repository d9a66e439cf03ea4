import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { OWNER } from "./owner";
import { setSwitch } from "./settings";

// Single sign-on through the oidc-provider scripts/test-e2e.ts runs on
// loopback: its own login page (any password; "unverified:" before an email
// makes the provider say it is not verified) and its consent page.

const NEWCOMER = "sso-newcomer@acme.test";

async function signInWithSso(page: Page, login: string) {
  // Signed out at the provider, so its login page asks again.
  await page.context().clearCookies({ domain: "127.0.0.1" });
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with SSO" }).click();
  // The provider's page, on its own origin: nothing of the app's travels in its address but state and challenge.
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  expect(page.url()).not.toContain(process.env.E2E_OIDC_CLIENT_SECRET!);
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a stranger is refused until owners let people join; then they join as a member through the provider's login page", async ({ page, browser }) => {
  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const strangerPage = await stranger.newPage();
  await signInWithSso(strangerPage, NEWCOMER);
  await expect(strangerPage).toHaveURL(/\/signin\?sso=no-account$/);
  await expect(strangerPage.getByRole("main").getByRole("alert")).toHaveText(/There is no Secret Keys account for your email address/);

  await page.goto("/settings/security");
  await setSwitch(page.getByRole("switch", { name: /Let new people join with SSO/ }), true);
  try {
    await signInWithSso(strangerPage, NEWCOMER);
    await expect(strangerPage).toHaveURL(/\/settings\/secret-keys$/);
    await expect(strangerPage.getByTestId("current-user")).toHaveText("sso-newcomer");
    await expect(strangerPage.getByTestId("current-role")).toHaveText("Member");
    // The session is a server-side one like any other: it is on their sessions page.
    await strangerPage.goto("/settings/sessions");
    await expect(strangerPage.getByRole("main")).toContainText("This browser");
  } finally {
    await page.goto("/settings/security");
    await setSwitch(page.getByRole("switch", { name: /Let new people join with SSO/ }), false);
  }
  await stranger.close();

  await page.goto("/settings/audit-log?action=member.joined_sso");
  await expect(page.getByRole("row").filter({ hasText: "Joined with SSO" }).first()).toContainText(NEWCOMER);
});

test("an unverified email is refused with a clear message; a verified one signs its member in", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInWithSso(page, `unverified:${OWNER.email}`);
  await expect(page).toHaveURL(/\/signin\?sso=unverified$/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/has not verified your email address/);
  await signInWithSso(page, OWNER.email.toUpperCase());
  await expect(page).toHaveURL(/\/settings\/secret-keys$/);
  await expect(page.getByTestId("current-user")).toHaveText(OWNER.name);
  await context.close();
});

test("requiring SSO needs a break-glass owner, who alone keeps password sign-in", async ({ page, browser }) => {
  await page.goto("/settings/security");
  const requireSso = page.getByRole("switch", { name: /Require SSO/ });
  await expect(requireSso).not.toBeChecked();
  await requireSso.click();
  await expect(page.getByText("Choose the break-glass owner")).toBeVisible();
  await expect(requireSso).not.toBeChecked();

  await page.getByRole("combobox", { name: "Break-glass owner" }).selectOption({ label: `${OWNER.name} <${OWNER.email}>` });
  await setSwitch(page.getByRole("switch", { name: /Require SSO/ }), true);
  try {
    // The break-glass owner's password still works.
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const other = await context.newPage();
    await other.goto("/signin");
    await other.getByLabel("Email").fill(OWNER.email);
    await other.getByLabel("Password").fill(OWNER.password);
    await other.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(other).toHaveURL(/\/settings\/secret-keys$/);
    await context.close();
  } finally {
    await page.goto("/settings/security");
    await setSwitch(page.getByRole("switch", { name: /Require SSO/ }), false);
  }
});
