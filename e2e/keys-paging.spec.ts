import { expect, test } from "./fixtures";
import { createKeyActionId } from "./key-actions";

const NAME = "paging-e2e";
const LIST = `/settings/secret-keys?q=${NAME}&sort=name&dir=asc&pageSize=10`;
const names = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `${NAME} ${String(from + i).padStart(2, "0")}`);

test("pages through the keys with Next and Previous, changes the page size, refuses an edited page link, and pages on a phone", async ({ page }) => {
  // Twelve development keys: one through the dialog, the rest through the same action.
  const actionId = await createKeyActionId(page, `${NAME} 00`);
  for (const name of names(11, 1)) {
    const response = await page.request.post("/settings/secret-keys", {
      headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
      data: JSON.stringify([{ name, environment: "DEVELOPMENT", permission: "FULL", expiresInDays: "never" }]),
    });
    expect(response.ok()).toBe(true);
  }

  await page.goto(LIST);
  const table = page.getByRole("table");
  const range = page.getByTestId("keys-range");
  const pages = page.getByRole("navigation", { name: "Pages" });
  await expect(range).toHaveText("1–10 of 12");
  await expect(table.getByRole("link", { name: new RegExp(NAME) })).toHaveText(names(10));
  await expect(pages.getByRole("button", { name: "Previous" })).toBeDisabled();

  await pages.getByRole("button", { name: "Next" }).click();
  await expect(range).toHaveText("11–12 of 12");
  await expect(table.getByRole("link", { name: new RegExp(NAME) })).toHaveText(names(2, 10));
  await expect(pages.getByRole("button", { name: "Next" })).toBeDisabled();
  // The position is in the URL (it holds no secret): a reload stays on the page.
  expect(new URL(page.url()).searchParams.get("cursor")).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  await page.reload();
  await expect(range).toHaveText("11–12 of 12");

  await pages.getByRole("button", { name: "Previous" }).click();
  await expect(range).toHaveText("1–10 of 12");
  await expect(table.getByRole("link", { name: new RegExp(NAME) })).toHaveText(names(10));
  await expect(pages.getByRole("button", { name: "Previous" })).toBeDisabled();

  await pages.getByLabel("Rows per page").selectOption("25");
  await expect(range).toHaveText("1–12 of 12");
  await expect(pages.getByRole("button", { name: "Next" })).toBeDisabled();

  // A page link edited by hand is refused, with the way back.
  await page.goto(`${LIST}&cursor=eyJkIjoibiJ9.${"A".repeat(43)}`);
  await expect(page.getByRole("alert").filter({ hasText: "This page link does not belong to this list" })).toBeVisible();
  await page.getByRole("button", { name: "Go to the first page" }).click();
  await expect(range).toHaveText("1–10 of 12");

  // On a phone: cards, the same buttons.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(LIST);
  const cards = page.getByRole("list", { name: "Secret keys" });
  await expect(cards.getByRole("link", { name: new RegExp(NAME) })).toHaveText(names(10));
  await pages.getByRole("button", { name: "Next" }).click();
  await expect(cards.getByRole("link", { name: new RegExp(NAME) })).toHaveText(names(2, 10));
  await expect(range).toHaveText("11–12 of 12");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
