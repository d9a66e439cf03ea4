import { expect, test } from "./fixtures";
import { addMember, signInAs } from "./members";
import { OWNER } from "./owner";

test("the audit log lists, filters, verifies and exports events", async ({ page }) => {
  // An event to look for: a key with a name that tries to forge a CSV line.
  await page.goto("/settings/secret-keys");
  await page.getByRole("button", { name: "Create secret key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create secret key" });
  await dialog.getByLabel("Name").fill("=cmd|' /C calc'!A0");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await page.getByLabel("I have stored this key somewhere safe.").check();
  await page.getByRole("button", { name: "Done" }).click();

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Key created/ }).first()).toBeVisible();

  await page.getByLabel("Action").selectOption({ label: "Signed in" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=auth\.sign_in/);
  const rows = page.getByRole("row").filter({ hasText: "Signed in" });
  await expect(rows.first()).toContainText(OWNER.email);
  await expect(page.getByRole("row", { name: /Key created/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Verify integrity" }).click();
  await expect(page.getByRole("status")).toContainText(/Integrity verified: all \d+ events are intact, in order and sealed/);

  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/settings\/audit-log$/);
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", "/settings/audit-log/export?");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe("sequence,time_utc,actor,action,event,key_id,key_prefix,details,ip_address,user_agent");
  expect(lines.some((line) => line.includes("key.created"))).toBe(true);
  expect(csv).toContain("=cmd|' /C calc'!A0");
  // No field starts with a formula character.
  expect(csv).not.toMatch(/(^|,)[=+@]/m);
});

test("a member cannot read the audit log or export it", async ({ page: ownerPage, browser }) => {
  const mia = { name: "Mia Member", email: "mia@acme.test", role: "MEMBER" as const, password: "mia's first password" };
  await addMember(ownerPage, mia);
  const { context, page } = await signInAs(browser, mia);
  await expect(page.getByTestId("current-role")).toHaveText("Member");
  await page.goto("/settings/audit-log");
  await expect(page.getByText("Not available to your role")).toBeVisible();
  const exported = await page.request.get("/settings/audit-log/export");
  expect(exported.status()).toBe(403);
  // Nor the incident exports, whatever key id is asked for.
  for (const path of ["summary?format=json", "activity"]) {
    expect((await page.request.get(`/settings/secret-keys/any-key/compromised/${path}`)).status()).toBe(403);
  }
  await page.goto("/settings/secret-keys/any-key/compromised/report");
  await expect(page.getByText("Not available to your role")).toBeVisible();
  // Nor change roles: the Members page shows roles as text, no controls.
  await page.goto("/settings/members");
  await expect(page.getByRole("cell", { name: "Mia Member" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: /Role of/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);
  await context.close();
});
