import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

async function createKey(page: Page, name: string, environment: string) {
  await page.goto("/settings/secret-keys");
  await page.getByRole("button", { name: "Create secret key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create secret key" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("radio", { name: environment, exact: true }).check();
  await dialog.getByRole("radio", { name: /Labeler only/ }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  await page.getByLabel("I have stored this key somewhere safe.").check();
  await page.getByRole("button", { name: "Done" }).click();
}

const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("at 1280x800 the keys table fits without scrolling sideways, and the row menu opens in view", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await createKey(page, "Nightly evaluation job for the multilingual speech model", "CI/CD");
  await createKey(page, "Annotation tool", "Staging");
  await page.goto("/settings/secret-keys");
  const table = page.getByRole("table");
  const shell = table.locator("xpath=..");
  for (const header of ["Name", "Scope", "Permission", "Environment", "Created", "Last used"]) {
    await expect(table.getByRole("columnheader", { name: header })).toBeVisible();
  }
  expect(await shell.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

  // The last row's menu opens inside the window, without scrolling anything.
  const lastMenu = page.getByRole("button", { name: /^Actions for / }).last();
  const menu = page.getByRole("menu");
  // The menu closes on any scroll: on a busy machine the page may still be
  // settling when the first click lands, so open it until it stays open.
  await lastMenu.scrollIntoViewIfNeeded();
  await expect(async () => {
    if (!(await menu.isVisible())) await lastMenu.click();
    await expect(menu).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(menu).toBeInViewport({ ratio: 1 });
  expect(await shell.evaluate((element) => element.scrollLeft)).toBe(0);
  await page.keyboard.press("Escape");

  // Created by is a choice, kept across reloads.
  await expect(table.getByRole("columnheader", { name: "Created by" })).toHaveCount(0);
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("group", { name: "Columns to show" }).getByLabel("Created by").check();
  await expect(table.getByRole("columnheader", { name: "Created by" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("table").getByRole("columnheader", { name: "Created by" })).toBeVisible();
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("group", { name: "Columns to show" }).getByLabel("Created by").uncheck();
});

test.describe("on a phone (390x844)", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the navigation is a menu that reaches every page, and keys are cards with the same actions", async ({ page }) => {
    await page.goto("/settings/secret-keys");
    const nav = page.getByRole("navigation", { name: "Settings" });
    await expect(nav.getByRole("link", { name: "Security" })).toBeHidden();
    await nav.getByRole("button", { name: /Menu/ }).click();
    await nav.getByRole("link", { name: "Security" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
    await nav.getByRole("button", { name: /Menu/ }).click();
    await nav.getByRole("link", { name: "Members" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();

    await page.goto("/settings/secret-keys");
    const cards = page.getByRole("list", { name: "Secret keys" });
    const card = cards.getByRole("listitem").filter({ hasText: "Annotation tool" });
    await expect(card).toContainText("Labeler only");
    await expect(card).toContainText("Staging");
    await card.getByRole("button", { name: "Actions for Annotation tool" }).click();
    await expect(page.getByRole("menuitem", { name: "Rotate" })).toBeInViewport();
    await expect(page.getByRole("menuitem", { name: "Delete" })).toBeVisible();
    await page.keyboard.press("Escape");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });
});

const PAGES = [
  "/settings/secret-keys",
  "/settings/incidents",
  "/settings/audit-log",
  "/settings/members",
  "/settings/security",
  "/settings/notifications",
  "/settings/usage",
  "/settings/key-requests",
  "/settings/responsibilities",
  "/settings/sessions",
  "/set-password",
  "/reset-password",
  "/forgot-password",
  "key page",
];

for (const colorScheme of ["light", "dark"] as const) {
  for (const path of PAGES) {
    test(`no serious or critical accessibility violations: ${path} (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      let target = path;
      if (path === "key page") {
        await page.goto("/settings/secret-keys");
        target = (await page.getByRole("table").getByRole("link").first().getAttribute("href"))!;
      }
      await page.goto(target);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
      expect(serious).toEqual([]);
    });
  }
}
