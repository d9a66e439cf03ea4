import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { shownValue } from "./shown";
import { addMember, signInAs, type NewMember } from "./members";
import { OWNER } from "./owner";

// Approvals are on only inside this file; the other specs create production keys directly.
const ADMIN: NewMember = { name: "Avery Approvals", email: "avery-approvals@acme.test", role: "ADMIN", password: "avery's first long password" };

// Until the server says so: a click before the page is interactive does nothing.
async function setApprovals(page: Page, on: boolean) {
  const toggle = page.getByRole("switch", { name: /Require approval for production keys/ });
  await expect(async () => {
    await page.goto("/settings/security");
    if ((await toggle.isChecked()) !== on) {
      await toggle.click();
      await expect(toggle).toHaveAccessibleDescription("Saved.", { timeout: 5_000 });
      await page.reload();
    }
    await expect(toggle).toBeChecked({ checked: on, timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

test.afterAll(async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await setApprovals(page, false);
  await context.close();
});

test("an owner names approvers and requires approval; an admin's production key goes from request to first verified call", async ({ page, browser }) => {
  await addMember(page, ADMIN);

  // Responsibilities: the owner names herself and the admin as approvers, and a billing owner.
  await page.goto("/settings/responsibilities");
  await expect(page.getByTestId("approval-status")).toContainText("off");
  const approvers = page.getByRole("form", { name: "Approves production keys" });
  await approvers.getByRole("checkbox", { name: new RegExp(OWNER.name) }).check();
  await approvers.getByRole("checkbox", { name: new RegExp(ADMIN.name) }).check();
  await approvers.getByRole("button", { name: "Save approves production keys" }).click();
  await expect(approvers.getByText("Saved.")).toBeVisible();
  const billing = page.getByRole("form", { name: "Billing owner" });
  await billing.getByRole("radio", { name: new RegExp(OWNER.name) }).check();
  await billing.getByRole("button", { name: "Save billing owner" }).click();
  await expect(billing.getByText("Saved.")).toBeVisible();
  await page.reload();
  const approveRow = page.getByRole("row", { name: /Approve production key requests/ });
  await expect(approveRow.getByRole("rowheader")).toContainText("Named approvers decide");
  await expect(page.getByRole("columnheader", { name: new RegExp(`${ADMIN.name}.*Approves production keys`) })).toBeVisible();

  // The Markdown export holds the same matrix, ready for a runbook.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download Markdown" }).click();
  const markdown = await (await (await download).createReadStream()).toArray();
  const text = Buffer.concat(markdown).toString("utf8");
  expect(text).toContain("| Approve production key requests |");
  expect(text).toContain(`${ADMIN.name} (Approves production keys)`);

  await setApprovals(page, true);
  await page.goto("/settings/responsibilities");
  await expect(page.getByTestId("approval-status")).toContainText("required");

  // The admin asks for a production key: a request, no secret.
  const admin = await signInAs(browser, ADMIN);
  await admin.page.goto("/settings/secret-keys");
  await admin.page.getByRole("button", { name: "Create secret key" }).first().click();
  const dialog = admin.page.getByRole("dialog", { name: "Create secret key" });
  await dialog.getByLabel("Name").fill("Approved inference key");
  await dialog.getByRole("radio", { name: "Production", exact: true }).check();
  await dialog.getByRole("button", { name: "Request approval" }).click();
  await expect(dialog.getByText("Say what the key is for")).toBeVisible();
  await dialog.getByLabel("Reason").fill("The inference gateway goes live on Monday.");
  await dialog.getByRole("button", { name: "Request approval" }).click();
  await expect(admin.page.getByText("Request sent to 1 approver.")).toBeVisible();

  // The admin cannot approve their own request.
  await admin.page.goto("/settings/key-requests");
  const adminView = admin.page.getByRole("listitem", { name: "New key Approved inference key" });
  await expect(adminView.getByText("Awaiting approval")).toBeVisible();
  await expect(adminView.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // The owner, told in the app, approves in her own browser.
  await page.goto("/settings/notifications");
  await expect(page.getByText("Approval requested: production key “Approved inference key”")).toBeVisible();
  await page.goto("/settings/key-requests?state=pending");
  const ownerView = page.getByRole("listitem", { name: "New key Approved inference key" });
  await expect(ownerView.getByText("The inference gateway goes live on Monday.")).toBeVisible();
  await ownerView.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved “Approved inference key”.")).toBeVisible();
  await expect(ownerView.getByRole("button", { name: "Reveal key" })).toHaveCount(0);

  // The admin reveals it once; it verifies; there is no second reveal.
  await admin.page.reload();
  await adminView.getByRole("button", { name: "Reveal key" }).click();
  const reveal = admin.page.getByRole("dialog", { name: "Save your secret key" });
  const secret = await shownValue(reveal.getByTestId("revealed-secret"));
  expect(secret).toMatch(/^skml_live_/);
  await reveal.getByLabel("I have stored this key somewhere safe.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(adminView.getByText("Key issued")).toBeVisible();
  await expect(adminView.getByRole("button", { name: "Reveal key" })).toHaveCount(0);
  const verify = await admin.page.request.post("/api/v1/keys/verify", { data: { key: secret, scope: "dataset", action: "read" } });
  expect(await verify.json()).toMatchObject({ valid: true, allowed: true });

  // Production keys made directly are refused while approvals are on, even to the owner.
  await page.goto("/settings/secret-keys");
  await page.getByRole("button", { name: "Create secret key" }).first().click();
  const ownerDialog = page.getByRole("dialog", { name: "Create secret key" });
  await ownerDialog.getByRole("radio", { name: "Production", exact: true }).check();
  await expect(ownerDialog.getByRole("button", { name: "Request approval" })).toBeVisible();
  await admin.context.close();
});
