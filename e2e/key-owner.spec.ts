import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { addMember, type NewMember } from "./members";
import { OWNER } from "./owner";

const kim: NewMember = { name: "Kim Keeper", email: "kim.keeper@acme.test", role: "ADMIN", password: "kim's first password" };
const lee: NewMember = { name: "Lee Leaver", email: "lee.leaver@acme.test", role: "ADMIN", password: "lee's first password" };

// Creates a key in the dialog with the given owner (a member's name), team and description.
async function createOwnedKey(page: Page, name: string, details: { owner?: NewMember; team?: string; description?: string } = {}) {
  await page.goto("/settings/secret-keys");
  await page.getByRole("button", { name: "Create secret key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create secret key" });
  await dialog.getByLabel("Name").fill(name);
  const owner = dialog.getByLabel("Owner", { exact: true });
  await expect(owner).toHaveValue(await ownOption(owner));
  if (details.owner) await owner.selectOption({ label: `${details.owner.name} (${details.owner.email})` });
  if (details.team) await dialog.getByLabel("Team or service (optional)").fill(details.team);
  if (details.description) await dialog.getByLabel("What uses this key (optional)").fill(details.description);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const reveal = page.getByRole("dialog", { name: "Save your secret key" });
  await reveal.getByLabel("I have stored this key somewhere safe.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
}

// The value of the option marked "(you)": the creator owns a new key unless they choose.
async function ownOption(select: ReturnType<Page["getByLabel"]>): Promise<string> {
  return select.locator("option", { hasText: "(you)" }).getAttribute("value") as Promise<string>;
}

async function showOwnerColumn(page: Page) {
  const table = page.getByRole("table");
  if ((await table.getByRole("columnheader", { name: "Owner" }).count()) > 0) return;
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("group", { name: "Columns to show" }).getByLabel("Owner").check();
  await page.getByText("Columns", { exact: true }).click();
}

test.describe.configure({ mode: "serial" });

test("a key created for another member shows its owner, team and description; the table filters and groups by owner", async ({ page }) => {
  await addMember(page, kim);
  await createOwnedKey(page, "Warehouse export", { owner: kim, team: "Data platform", description: "The nightly export job on the ETL cluster" });
  await createOwnedKey(page, "Olivia's notebook key", { team: "Research" });

  // A long pasted description is flagged, never cut; nothing is created.
  await page.getByRole("button", { name: "Create secret key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create secret key" });
  await dialog.getByLabel("Name").fill("Too much said");
  await dialog.getByLabel("What uses this key (optional)").fill("x".repeat(520));
  await expect(dialog.getByLabel("What uses this key (optional)")).toHaveAccessibleDescription("Use at most 500 characters (this has 520).");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await showOwnerColumn(page);
  const row = page.getByRole("row", { name: /Warehouse export/ });
  await expect(row).toContainText(kim.name);
  await expect(row).toContainText("Data platform");

  await page.getByLabel("Owner", { exact: true }).selectOption({ label: kim.name });
  await expect(page).toHaveURL(new RegExp(`owner=`));
  await expect(page.getByRole("row", { name: /Warehouse export/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Olivia's notebook key/ })).toHaveCount(0);
  await page.getByLabel("Owner", { exact: true }).selectOption("me");
  await expect(page).toHaveURL(/owner=me/);
  await expect(page.getByRole("row", { name: /Olivia's notebook key/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Warehouse export/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/owner=/);

  await page.getByLabel("Group by owner").check();
  await expect(page).toHaveURL(/group=owner/);
  const kimsGroup = page.getByRole("rowgroup", { name: new RegExp(`^${kim.name} · 1 key$`) });
  await expect(kimsGroup.getByRole("row", { name: /Warehouse export/ })).toBeVisible();
  await expect(
    page.getByRole("rowgroup", { name: new RegExp(`^${OWNER.name} \\(you\\) · \\d+ keys?$`) }).getByRole("row", { name: /Olivia's notebook key/ }),
  ).toBeVisible();
  await page.getByLabel("Group by owner").uncheck();

  await row.getByRole("link", { name: "Warehouse export" }).click();
  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings.getByRole("definition").filter({ hasText: kim.name })).toBeVisible();
  await expect(settings).toContainText("Data platform");
  await expect(settings).toContainText("The nightly export job on the ETL cluster");
});

test("an owner changes a key's owner and team on its page; the history says from what to what", async ({ page }) => {
  await page.goto("/settings/secret-keys?owner=me");
  await page
    .getByRole("row", { name: /Olivia's notebook key/ })
    .getByRole("link", { name: "Olivia's notebook key" })
    .click();
  await page.getByRole("button", { name: "Edit details" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit key details" });
  await dialog.getByLabel("Owner", { exact: true }).selectOption({ label: `${kim.name} (${kim.email})` });
  await dialog.getByLabel("Team or service (optional)").fill("ML research");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings).toContainText(kim.name);
  await expect(settings).toContainText("ML research");
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("cell", { name: `Key owner changed: ${OWNER.name} <${OWNER.email}> → ${kim.name} <${kim.email}>` })).toBeVisible();
  await expect(history.getByRole("cell", { name: "Key details changed: team “Research” → “ML research”" })).toBeVisible();
});

test("removing a member lists their keys and hands them to the member the owner picks", async ({ page }) => {
  await addMember(page, lee);
  await createOwnedKey(page, "Lee's deploy key", { owner: lee });
  await createOwnedKey(page, "Lee's staging key", { owner: lee });

  await page.goto("/settings/members");
  await page
    .getByRole("row", { name: new RegExp(lee.name) })
    .getByRole("button", { name: "Remove" })
    .click();
  const dialog = page.getByRole("dialog", { name: `Remove ${lee.name}?` });
  const keys = dialog.getByRole("list", { name: "The 2 keys they own" });
  await expect(keys.getByRole("listitem")).toHaveCount(2);
  await expect(keys).toContainText("Lee's deploy key");
  await expect(dialog.getByLabel("Give their keys to")).toHaveValue(await ownOption(dialog.getByLabel("Give their keys to")));
  await dialog.getByLabel("Give their keys to").selectOption({ label: `${kim.name} (${kim.email})` });
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByRole("cell", { name: lee.email })).toHaveCount(0);

  await page.goto("/settings/secret-keys");
  await showOwnerColumn(page);
  await page.getByLabel("Owner", { exact: true }).selectOption({ label: kim.name });
  await expect(page.getByRole("row", { name: /Lee's deploy key/ })).toContainText(kim.name);
  await expect(page.getByRole("row", { name: /Lee's staging key/ })).toBeVisible();
  await page.getByLabel("Owner", { exact: true }).selectOption("none");
  await expect(page).toHaveURL(/owner=none/);
  await expect(page.getByRole("row", { name: /Lee's/ })).toHaveCount(0);

  await page.goto("/settings/audit-log");
  await expect(page.getByRole("cell", { name: `Member removed: ${lee.email} (Admin); 2 keys to ${kim.name} <${kim.email}>` })).toBeVisible();
  await expect(
    page.getByRole("cell", {
      name: `Key owner changed: ${lee.name} <${lee.email}> → ${kim.name} <${kim.email}> (previous owner removed from the organization)`,
    }),
  ).toHaveCount(2);
});

test.describe("on a phone (390x844)", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("key cards show the owner, and group under owner headings", async ({ page }) => {
    await page.goto("/settings/secret-keys?q=Warehouse");
    const card = page.getByRole("list", { name: "Secret keys" }).getByRole("listitem").filter({ hasText: "Warehouse export" });
    await expect(card).toContainText(`Owner ${kim.name} · Data platform`);
    await page.goto("/settings/secret-keys?q=Lee&group=owner");
    await expect(page.getByRole("heading", { name: `${kim.name} · 2 keys` })).toBeVisible();
    await expect(page.getByRole("list", { name: `Secret keys of ${kim.name}` }).getByRole("listitem")).toHaveCount(2);
  });
});
