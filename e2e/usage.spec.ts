import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { shownValue } from "./shown";
import { SERVICE_HEADERS } from "./owner";

// Set USAGE_SCREENSHOTS to a directory to keep pictures of the charts.
const screenshots = process.env.USAGE_SCREENSHOTS;

async function createKey(page: Page, name: string, permission = /Full/): Promise<string> {
  await page.goto("/settings/secret-keys");
  await page.getByRole("button", { name: "Create secret key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create secret key" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("radio", { name: "Production", exact: true }).check();
  await dialog.getByRole("radio", { name: permission }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const reveal = page.getByRole("dialog", { name: "Save your secret key" });
  const secret = await shownValue(reveal.getByTestId("revealed-secret"));
  await reveal.getByLabel("I have stored this key somewhere safe.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  return secret;
}

async function expectNoHorizontalOverflow(page: Page, label: string) {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${label} at ${size.width}x${size.height}`).toBeLessThanOrEqual(0);
    if (screenshots) {
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: `${screenshots}/${label}-${size.width}-${colorScheme}.png`, fullPage: true });
        await page
          .getByRole("figure")
          .first()
          .screenshot({ path: `${screenshots}/${label}-chart-${size.width}-${colorScheme}.png` });
      }
      await page.emulateMedia({ colorScheme: "light" });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("verifications show on the key's chart, in its sparkline and on the Usage page", async ({ page }) => {
  const secret = await createKey(page, "Usage chart key", /Read only/);
  const verify = (action: string, ipAddress: string) =>
    page.request.post("/api/v1/keys/verify", {
      data: { key: secret, scope: "dataset", action, client: { ipAddress, userAgent: "usage-sdk/1.0" } },
      headers: SERVICE_HEADERS,
    });
  // Two clients; a read-only key asked to write is denied.
  for (const [action, address, allowed] of [
    ["read", "198.51.100.77", true],
    ["read", "198.51.100.77", true],
    ["read", "198.51.100.78", true],
    ["write", "198.51.100.77", false],
  ] as const) {
    expect(await (await verify(action, address)).json()).toMatchObject({ valid: true, allowed });
  }

  // Usage is written every 2 seconds: reload until the sparkline counts it.
  const row = page.getByRole("row", { name: /Usage chart key/ });
  await expect(async () => {
    await page.reload();
    await expect(row.getByRole("img", { name: "Requests over the last 7 days: 4" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });

  await row.getByRole("link", { name: "Usage chart key" }).click();
  const usage = page.getByRole("region", { name: "Usage" });
  const periods = usage.getByRole("navigation", { name: "Usage period" });
  await expect(periods.getByRole("link", { name: "24 hours" })).toHaveAttribute("aria-current", "page");
  await expect(usage.getByRole("figure")).toHaveAccessibleName(
    /^4 requests in the last 24 hours: 3 allowed, 1 denied, 0 refused \(0 revoked, 0 rate limited\), from 2 distinct clients\. Busiest hour: .+ UTC, \d requests?\.$/,
  );
  await expect(usage.getByRole("list", { name: "Legend" })).toContainText("Allowed3");
  await usage.getByText("Table of requests per hour").click();
  const table = usage.getByRole("table", { name: /Requests with this key per hour \(UTC\)/ });
  await expect(table.getByRole("columnheader", { name: "Hour (UTC)" })).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(24);
  // Whatever hour boundary the requests straddled, the hours add up.
  const totals = await table.locator("tbody tr td:nth-of-type(5)").allTextContents();
  expect(totals.reduce((sum, text) => sum + Number(text), 0)).toBe(4);
  await expectNoHorizontalOverflow(page, "key-usage");

  await periods.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(periods.getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "page");
  await expect(usage.getByRole("figure")).toHaveAccessibleName(/^4 requests in the last 7 days: 3 allowed, 1 denied,.* Busiest day: .+ \(UTC\)/);

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Usage period" }).getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "page");
  const top = page.getByRole("region", { name: "Top keys by requests" }).getByRole("row", { name: /Usage chart key/ });
  await expect(top.getByRole("cell")).toHaveText([/Usage chart key/, "Production", "4", "1 (25%)", "0 (0%)", "2"]);
  await expect(page.getByRole("term").filter({ hasText: "Denied share" })).toBeVisible();
  await expect(page.getByRole("figure", { name: /requests in the last 7 days: Production \d/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Keys by staleness and rotation" }).getByRole("row", { name: /All live keys/ })).toBeVisible();
  await expectNoHorizontalOverflow(page, "usage-page");
  await page.getByRole("link", { name: "30 days" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(page.getByRole("figure", { name: /requests in the last 30 days/ })).toBeVisible();
  await top.getByRole("link", { name: "Usage chart key" }).click();
  await expect(page).toHaveURL(/\/settings\/secret-keys\/[^/?]+\?range=30d$/);
  await expect(page.getByRole("region", { name: "Usage" }).getByRole("figure")).toHaveAccessibleName(/^4 requests in the last 30 days/);
});

test("a key nobody used says so instead of drawing an empty chart", async ({ page }) => {
  await createKey(page, "Usage quiet key");
  const row = page.getByRole("row", { name: /Usage quiet key/ });
  await expect(row).toContainText("Never");
  await expect(row.getByRole("img", { name: /Requests over the last 7 days/ })).toHaveCount(0);
  await row.getByRole("link", { name: "Usage quiet key" }).click();
  const usage = page.getByRole("region", { name: "Usage" });
  await expect(usage).toContainText("No requests with this key in the last 24 hours.");
  await expect(usage.getByRole("figure")).toHaveCount(0);
  await usage.getByRole("link", { name: "30 days" }).click();
  await expect(usage).toContainText("No requests with this key in the last 30 days.");
});
