import type { Page } from "@playwright/test";

// Creates a key as the signed-in page's user and returns the id of the
// server action that did it, as a forger replaying it would use.
export async function createKeyActionId(page: Page, name: string): Promise<string> {
  await page.goto("/settings/secret-keys");
  await page.getByRole("button", { name: "Create secret key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create secret key" });
  await dialog.getByLabel("Name").fill(name);
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    dialog.getByRole("button", { name: "Create key" }).click(),
  ]);
  await page.getByLabel("I have stored this key somewhere safe.").check();
  await page.getByRole("button", { name: "Done" }).click();
  return request.headers()["next-action"];
}
