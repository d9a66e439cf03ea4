import type { Locator } from "@playwright/test";
import { expect } from "./fixtures";

// What a field or element shows once it shows. Reading it at once would not
// wait for it, nor let a password dialog the action opened be answered first
// (locator handlers run only while Playwright waits): once the owner's
// re-authentication is older than its window, such a read hangs.
export async function shownValue(field: Locator): Promise<string> {
  await expect(field).toBeVisible();
  return field.inputValue();
}

export async function shownText(element: Locator): Promise<string> {
  await expect(element).toBeVisible();
  return (await element.textContent()) ?? "";
}
