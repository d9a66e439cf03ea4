import { expect, type Browser, type Page } from "@playwright/test";
import { countEmailsTo, linkFromEmail } from "./mail";
import { confirmPasswordWhenAsked } from "./reauth";

export type NewMember = { name: string; email: string; role: "OWNER" | "ADMIN" | "SECURITY" | "MEMBER"; password: string };

// The owner adds a member through the Members page; the member chooses
// their password through the link emailed to them (in a browser of their
// own, closed afterwards).
export async function addMember(ownerPage: Page, member: NewMember): Promise<void> {
  const emailsBefore = countEmailsTo(member.email);
  await ownerPage.goto("/settings/members");
  await ownerPage.getByLabel("Name").fill(member.name);
  await ownerPage.getByLabel("Email").fill(member.email);
  await ownerPage.getByLabel("Role", { exact: true }).selectOption(member.role);
  await ownerPage.getByRole("button", { name: "Add member" }).click();
  await expect(ownerPage.getByRole("status").filter({ hasText: `${member.name} was emailed a link` })).toBeVisible();
  await expect(ownerPage.getByRole("cell", { name: member.email })).toBeVisible();
  const link = await linkFromEmail(member.email, "/set-password", emailsBefore);
  const context = await ownerPage
    .context()
    .browser()!
    .newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await choosePasswordWithLink(page, link, member);
  await context.close();
}

// Opens a set-password or reset link and chooses the member's password; the
// page then signs them in.
export async function choosePasswordWithLink(page: Page, link: string, member: Pick<NewMember, "name" | "password">): Promise<void> {
  await page.goto(link);
  await page.getByLabel("New password").fill(member.password);
  await page.getByRole("button", { name: "Save password and sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(member.name);
}

// Signs this page's browser context in as that member (signed out first).
export async function signInOn(page: Page, member: NewMember): Promise<void> {
  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toHaveText(member.name);
  await confirmPasswordWhenAsked(page, member.password);
}

// A separate browser context signed in as that member.
export async function signInAs(browser: Browser, member: NewMember) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInOn(page, member);
  return { context, page };
}
