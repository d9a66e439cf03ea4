import type { Locator } from "@playwright/test";
import { expect } from "./fixtures";

// Turns an organization setting's switch on or off and waits until the
// server has it ("Saved."), as a user would before leaving the page: the
// switch flips at once, before the server answers.
export async function setSwitch(toggle: Locator, on: boolean): Promise<void> {
  if ((await toggle.isChecked()) === on) return;
  await toggle.click();
  await expect(toggle).toHaveAccessibleDescription("Saved.", { timeout: 15_000 });
  await expect(toggle).toBeChecked({ checked: on });
}
