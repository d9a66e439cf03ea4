import type { Page } from "@playwright/test";

// The password dialog a dangerous action opens (components/reauth).
export const reauthDialog = (page: Page) => page.getByRole("dialog", { name: "Confirm it is you" });

// Lets specs about something else run dangerous actions: whenever the
// password dialog opens on this page, it is answered with this password.
// e2e/identity.spec.ts drives the dialog itself.
export async function confirmPasswordWhenAsked(page: Page, password: string): Promise<void> {
  const dialog = reauthDialog(page);
  await page.removeLocatorHandler(dialog);
  await page.addLocatorHandler(dialog, async () => {
    await dialog.getByLabel("Your password", { exact: true }).fill(password);
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await dialog.waitFor({ state: "hidden" });
  });
}
