import { expect, test } from "./fixtures";
import { countEmailsTo, linkFromEmail } from "./mail";
import { addMember, choosePasswordWithLink, signInAs, signInOn, type NewMember } from "./members";
import { OWNER } from "./owner";
import { reauthDialog } from "./reauth";

const dana: NewMember = { name: "Dana Devices", email: "dana@acme.test", role: "MEMBER", password: "dana's first long password" };

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

test.describe.configure({ mode: "serial" });

test("a new member chooses her own password from the emailed link, which works once", async ({ page, browser }) => {
  const before = countEmailsTo(dana.email);
  await addMember(page, dana);
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(dana.name) })).not.toContainText("No password yet");
  // The link again, in another browser: used up.
  const link = await linkFromEmail(dana.email, "/set-password", before);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const again = await context.newPage();
  await again.goto(link);
  // The token leaves the address bar at once.
  await expect(again).toHaveURL(/\/set-password$/);
  await expect(again.getByRole("main").getByRole("alert")).toContainText("This link has expired or was already used.");
  await again.goto("about:blank");
  await again.goto("/set-password#not-a-real-token");
  await expect(again.getByRole("main").getByRole("alert")).toContainText("This link has expired or was already used.");
  await context.close();
});

test("a dangerous action asks for the password, refuses a wrong one, then works and holds for this browser", async ({ browser }) => {
  // A browser of the owner that has not confirmed its password yet.
  const { context, page } = await signInAs(browser, { ...OWNER, role: "OWNER" });
  await page.removeLocatorHandler(reauthDialog(page));
  await page.goto("/settings/members");
  await page.getByLabel(`Role of ${dana.name}`).selectOption("SECURITY");
  const dialog = reauthDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Your password", { exact: true })).toBeFocused();
  await dialog.getByLabel("Your password", { exact: true }).fill("not the owner's password");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog.getByLabel("Your password", { exact: true })).toHaveAccessibleDescription("That is not your password.");
  await dialog.getByLabel("Your password", { exact: true }).fill(OWNER.password);
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `${dana.name} is now Security.` })).toBeVisible();
  // Within 10 minutes this browser is not asked again.
  await page.getByLabel(`Role of ${dana.name}`).selectOption("MEMBER");
  await expect(page.getByRole("status").filter({ hasText: `${dana.name} is now Member.` })).toBeVisible();
  await expect(dialog).toBeHidden();
  // Nor for another dangerous action.
  await page.goto("/settings/security");
  const email = page.getByRole("region", { name: "Incident email" });
  await email.getByRole("button", { name: "Send me a test email" }).click();
  await expect(email.getByRole("status")).toHaveText(`Sent to ${OWNER.email}.`);
  await context.close();

  // Cancelling the dialog changes nothing and says why.
  const fresh = await signInAs(browser, { ...OWNER, role: "OWNER" });
  await fresh.page.removeLocatorHandler(reauthDialog(fresh.page));
  await fresh.page.goto("/settings/members");
  await fresh.page.getByLabel(`Role of ${dana.name}`).selectOption("ADMIN");
  await reauthDialog(fresh.page).getByRole("button", { name: "Cancel" }).click();
  await expect(fresh.page.getByRole("main").getByRole("alert").filter({ hasText: "enter your password" })).toBeVisible();
  await fresh.page.reload();
  await expect(fresh.page.getByLabel(`Role of ${dana.name}`)).toHaveValue("MEMBER");
  await fresh.context.close();
});

test("the sessions page lists each browser and ends any one of them", async ({ browser }) => {
  const laptop = await signInAs(browser, dana);
  await laptop.page.goto("/settings/sessions");
  // Only this browser from here on (the header row, then one per session).
  await laptop.page.getByRole("button", { name: "Sign out other sessions" }).click();
  await expect(laptop.page.getByText(/Signed out \d+ other session/)).toBeVisible();
  const rows = laptop.page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2);
  const phoneContext = await browser.newContext({ storageState: { cookies: [], origins: [] }, userAgent: IPHONE });
  const phone = { context: phoneContext, page: await phoneContext.newPage() };
  await signInOn(phone.page, dana);
  await laptop.page.reload();
  await expect(rows).toHaveCount(3);
  const current = laptop.page.getByRole("row", { name: /This browser/ });
  await expect(current).toContainText(/Chrome \d+ on Windows/);
  await expect(current).toContainText("Now");
  // End the other one (the phone).
  await laptop.page
    .getByRole("row", { name: /Safari 18 on iOS/ })
    .getByRole("button", { name: "Sign out Safari 18 on iOS" })
    .click();
  await expect(rows).toHaveCount(2);
  await phone.page.reload();
  await expect(phone.page).toHaveURL(/\/signin/);
  await phone.context.close();

  await laptop.page.getByRole("button", { name: "Sign out this browser" }).click();
  await expect(laptop.page).toHaveURL(/\/signin/);
  await laptop.context.close();
});

test("a member changes her password: the current one is asked, other browsers are signed out", async ({ browser }) => {
  const first = await signInAs(browser, dana);
  const second = await signInAs(browser, dana);
  await first.page.goto("/settings/security");
  const form = first.page.getByRole("form", { name: "Change your password" });
  await form.getByLabel("Current password").fill("a wrong password");
  await form.getByLabel("New password").fill("dana's second long password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByLabel("Current password")).toHaveAccessibleDescription("That is not your password.");
  await form.getByLabel("Current password").fill(dana.password);
  await form.getByLabel("New password").fill("password123456");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByLabel("New password")).toHaveAccessibleDescription(/most common ones/);
  await form.getByLabel("Current password").fill(dana.password);
  await form.getByLabel("New password").fill("dana's second long password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Password changed. 1 other session was signed out.");
  await second.page.reload();
  await expect(second.page).toHaveURL(/\/signin/);
  await second.context.close();
  await first.context.close();
  dana.password = "dana's second long password";
});

test("forgot password: a link by email, the same answer for an unknown email, and every browser signed out", async ({ browser }) => {
  const signedIn = await signInAs(browser, dana);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await page.getByLabel("Email").fill("nobody@acme.test");
  await page.getByRole("button", { name: "Email me a link" }).click();
  const answer = page.getByRole("status");
  await expect(answer).toContainText("If an account uses this email");
  const unknownAnswer = await answer.textContent();

  const before = countEmailsTo(dana.email);
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(dana.email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(answer).toHaveText(unknownAnswer!);
  const link = await linkFromEmail(dana.email, "/reset-password", before);
  await choosePasswordWithLink(page, link, { name: dana.name, password: "dana's third long password" });
  dana.password = "dana's third long password";

  await signedIn.page.reload();
  await expect(signedIn.page).toHaveURL(/\/signin/);
  await signedIn.context.close();
  await context.close();
});
