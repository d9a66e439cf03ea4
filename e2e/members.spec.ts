import { expect, test } from "./fixtures";
import { addMember, signInAs, type NewMember } from "./members";
import { OWNER } from "./owner";

const rita: NewMember = { name: "Rita Roles", email: "rita@acme.test", role: "MEMBER", password: "rita's first password" };

test("an owner changes a member's role and removes them; both take effect at once and are audited", async ({ page, browser }) => {
  await addMember(page, rita);
  const { context, page: ritaPage } = await signInAs(browser, rita);
  await expect(ritaPage.getByTestId("current-role")).toHaveText("Member");

  await page.getByLabel(`Role of ${rita.name}`).selectOption("SECURITY");
  await expect(page.getByRole("status").filter({ hasText: `${rita.name} is now Security.` })).toBeVisible();
  await ritaPage.reload();
  await expect(ritaPage.getByTestId("current-role")).toHaveText("Security");

  // The only owner cannot demote themself.
  await page.getByLabel(`Role of ${OWNER.name}`).selectOption("ADMIN");
  await expect(page.getByRole("alert").filter({ hasText: "at least one owner" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(`Role of ${OWNER.name}`)).toHaveValue("OWNER");

  await page
    .getByRole("row", { name: new RegExp(rita.name) })
    .getByRole("button", { name: "Remove" })
    .click();
  const dialog = page.getByRole("dialog", { name: `Remove ${rita.name}?` });
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByRole("cell", { name: rita.email })).toHaveCount(0);

  // Her open browser is signed out, and she cannot sign in again.
  await ritaPage.reload();
  await expect(ritaPage).toHaveURL(/\/signin/);
  await ritaPage.getByLabel("Email").fill(rita.email);
  await ritaPage.getByLabel("Password").fill(rita.password);
  await ritaPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(ritaPage.getByRole("main").getByRole("alert")).toContainText("no longer a member");
  await context.close();

  await page.goto("/settings/audit-log");
  await expect(page.getByRole("cell", { name: `Member role changed: ${rita.email}, Member → Security` })).toBeVisible();
  await expect(page.getByRole("cell", { name: `Member removed: ${rita.email} (Security)` })).toBeVisible();
});
