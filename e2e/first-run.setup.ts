import fs from "node:fs";
import path from "node:path";
import { expect, test as setup } from "./fixtures";
import { OWNER, OWNER_STATE } from "./owner";

setup("first run: every page leads to setup, which needs the printed link, creates the owner and refuses a second setup", async ({ page, browser }) => {
  await page.goto("/settings/members");
  await expect(page).toHaveURL(/\/setup$/);
  await page.goto("/signin");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up Secret Keys" })).toBeVisible();

  // Whoever arrives first without the link npm start printed gets no form.
  await expect(page.getByText("Setup needs the one-time link this server printed when it started.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create organization" })).toHaveCount(0);
  await page.goto("/setup?token=" + "A".repeat(32));
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This setup link is not valid.");
  await expect(page.getByRole("button", { name: "Create organization" })).toHaveCount(0);

  // The operator opens the printed link (the token is kept in the data directory, mode 600).
  const tokenFile = path.join(process.env.E2E_DATA_DIR!, "setup-token");
  expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
  const setupUrl = `/setup?token=${fs.readFileSync(tokenFile, "utf8").trim()}`;
  await page.goto(setupUrl);
  // The token leaves the address bar at once.
  await expect(page).toHaveURL(/\/setup$/);

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
  await rival.goto(setupUrl);

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

  // Setup is gone for good, and so is the token.
  const response = await page.goto("/setup");
  expect(response?.status()).toBe(404);
  expect(fs.existsSync(tokenFile)).toBe(false);
});
