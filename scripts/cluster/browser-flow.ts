import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS as LAUNCH_ARGS } from "../../e2e/chromium-args";
import { findOrInstallBrowser } from "../find-browser";

export type PanelSession = {
  // Creates a Development key through the create dialog (a server action); returns its secret.
  createKey(name: string): Promise<string>;
  // Deletes a key from its page (a server action).
  deleteKey(id: string): Promise<void>;
  close(): Promise<void>;
};

// A real browser signed in through the balancer, whichever instance answers
// each request (no stickiness).
export async function signInThroughBalancer(url: string, credentials: { email: string; password: string }): Promise<PanelSession> {
  const found = findOrInstallBrowser();
  const browser = await chromium.launch({ executablePath: found.executablePath, args: LAUNCH_ARGS });
  const page = await (await browser.newContext({ baseURL: url })).newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/settings\/secret-keys$/, { timeout: 30_000 });
  return {
    async createKey(name) {
      await page.goto("/settings/secret-keys");
      await page.getByRole("button", { name: "Create secret key" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Create secret key" });
      await dialog.getByLabel("Name").fill(name);
      await dialog.getByRole("radio", { name: "Development", exact: true }).check();
      await dialog.getByRole("button", { name: "Create key" }).click();
      const reveal = page.getByRole("dialog", { name: "Save your secret key" });
      const secret = await reveal.getByTestId("revealed-secret").inputValue({ timeout: 30_000 });
      await reveal.getByLabel("I have stored this key somewhere safe.").check();
      await reveal.getByRole("button", { name: "Done" }).click();
      await reveal.waitFor({ state: "hidden" });
      return secret;
    },
    async deleteKey(id) {
      await page.goto(`/settings/secret-keys/${id}`);
      await page.getByRole("button", { name: "Delete" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Delete key" }).click();
      await page.getByRole("heading", { level: 1 }).filter({ hasText: "Deleted" }).waitFor({ timeout: 30_000 });
    },
    close: () => browser.close(),
  };
}
