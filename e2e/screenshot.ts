import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";

// The README's screenshots come from the end-to-end run, so they show what
// the app really looks like: `UPDATE_SCREENSHOTS=1 npm run test:e2e` writes
// them to public/screenshots; otherwise they go to test-results/ only.
export async function screenshot(page: Page, name: string, options: { mask?: Locator[] } = {}): Promise<void> {
  const folder = process.env.UPDATE_SCREENSHOTS ? "public/screenshots" : "test-results/screenshots";
  fs.mkdirSync(folder, { recursive: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(folder, `${name}.png`), mask: options.mask, maskColor: "#d4d4d8", animations: "disabled" });
  if (size) await page.setViewportSize(size);
}
