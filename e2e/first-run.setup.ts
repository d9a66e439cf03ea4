import { expect, test as setup } from "@playwright/test";
import { OWNER, OWNER_STATE } from "./owner";

setup("first run: every page leads to setup, which creates the owner and refuses a second setup", async ({ page, browser }) => {
  await page.goto("/settings/members");
  await expect(page).toHaveURL(/\/setup$/);
  await page.goto("/signin");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up Secret Keys" })).toBeVisible();

  // Bad input: errors next to each field, nothing created.
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByLabel("Organization name")).toHaveAccessibleDescription(/Enter your organization's name/);
  await page.getByLabel("Organization name").fill(OWNER.organizationName);
  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription(/Enter a valid email address/);
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/Use at least 12 characters/);

  // A second browser opens setup at the same time, to submit after we finish.
  const rival = await browser.newPage();
  await rival.goto("/setup");

  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/settings\/secret-keys$/);
  await expect(page.getByTestId("organization-name")).toHaveText(OWNER.organizationName);
  await expect(page.getByTestId("current-user")).toHaveText(OWNER.name);
  await expect(page.getByTestId("current-role")).toHaveText("Owner");
  await page.context().storageState({ path: OWNER_STATE });

  // The rival's form, posted after setup: refused, with a clear message.
  await rival.getByLabel("Organization name").fill("Mallory Corp");
  await rival.getByLabel("Your name").fill("Mallory");
  await rival.getByLabel("Email").fill("mallory@evil.test");
  await rival.getByLabel("Password").fill("mallory's long password");
  await rival.getByRole("button", { name: "Create organization" }).click();
  await expect(rival.getByRole("main").getByRole("alert")).toHaveText("Setup is already complete. Sign in instead.");
  await rival.close();

  // Setup is gone for good.
  const response = await page.goto("/setup");
  expect(response?.status()).toBe(404);
});
