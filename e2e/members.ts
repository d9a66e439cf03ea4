import { expect, type Browser, type Page } from "@playwright/test";

export type NewMember = { name: string; email: string; role: "OWNER" | "ADMIN" | "SECURITY" | "MEMBER"; password: string };

// The owner adds a member through the Members page.
export async function addMember(ownerPage: Page, member: NewMember): Promise<void> {
  await ownerPage.goto("/settings/members");
  await ownerPage.getByLabel("Name").fill(member.name);
  await ownerPage.getByLabel("Email").fill(member.email);
  await ownerPage.getByLabel("Role", { exact: true }).selectOption(member.role);
  await ownerPage.getByLabel("First password").fill(member.password);
  await ownerPage.getByRole("button", { name: "Add member" }).click();
  await expect(ownerPage.getByRole("cell", { name: member.email })).toBeVisible();
}

// Signs this page's browser context in as that member (signed out first).
export async function signInOn(page: Page, member: NewMember): Promise<void> {
  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(member.name);
}

// A separate browser context signed in as that member.
export async function signInAs(browser: Browser, member: NewMember) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInOn(page, member);
  return { context, page };
}
