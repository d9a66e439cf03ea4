import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { shownValue } from "./shown";
import { createKeyActionId } from "./key-actions";
import { screenshot } from "./screenshot";
import { setSwitch } from "./settings";
import { addMember, signInAs } from "./members";
import { OWNER, SERVICE_HEADERS } from "./owner";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function openCreateDialog(page: Page) {
  await page.goto("/settings/secret-keys");
  await page.getByRole("button", { name: "Create secret key" }).first().click();
  return page.getByRole("dialog", { name: "Create secret key" });
}

async function createKey(page: Page, name: string, environment = "Production"): Promise<string> {
  const dialog = await openCreateDialog(page);
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("radio", { name: environment, exact: true }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const reveal = page.getByRole("dialog", { name: "Save your secret key" });
  const secret = await shownValue(reveal.getByTestId("revealed-secret"));
  await reveal.getByLabel("I have stored this key somewhere safe.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  return secret;
}

test("create a key, copy it, confirm, see only its prefix; the secret is gone after reload; delete it", async ({ page, context }) => {
  const dialog = await openCreateDialog(page);
  await expect(dialog.getByText("This key will reach all scopes")).toBeVisible();
  await dialog.getByLabel("Name").fill("Inference gateway");
  await dialog.getByRole("radio", { name: "Production", exact: true }).check();
  await expect(dialog.getByLabel("Expires")).toHaveValue("90");
  await dialog.getByRole("radio", { name: /Read only/ }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();

  const reveal = page.getByRole("dialog", { name: "Save your secret key" });
  const secret = await shownValue(reveal.getByTestId("revealed-secret"));
  expect(secret).toMatch(/^skml_live_[0-9A-Za-z]{46}$/);
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(reveal.getByText("Secret key copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  // Snippets for the usual places, each wrapping inside its block.
  const snippet = reveal.getByTestId("key-snippet");
  await expect(snippet).toHaveText(`export SECRET_KEYS_API_KEY="${secret}"`);
  await reveal.getByRole("tab", { name: ".env" }).click();
  await expect(snippet).toHaveText(`SECRET_KEYS_API_KEY=${secret}`);
  await reveal.getByRole("tab", { name: "GitHub Actions" }).click();
  await expect(snippet).toContainText("secrets.SECRET_KEYS_API_KEY");
  await expect(snippet).not.toContainText(secret);
  await reveal.getByRole("tab", { name: "curl" }).click();
  await expect(snippet).toContainText("/api/v1/whoami");
  await screenshot(page, "reveal-dialog", { mask: [reveal.getByTestId("revealed-secret")] });
  expect(await snippet.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);

  // It cannot be dismissed before the user confirms.
  await page.keyboard.press("Escape");
  await expect(reveal).toBeVisible();
  await expect(reveal.getByRole("button", { name: "Done" })).toBeDisabled();
  await reveal.getByLabel("I have stored this key somewhere safe.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  const masked = `${secret.slice(0, 14)}…${secret.slice(-4)}`;
  const row = page.getByRole("row", { name: /Inference gateway/ });
  await expect(row.getByTestId("masked-key")).toHaveText(masked);
  await expect(row).toContainText("Read only");
  await expect(row).toContainText("Never");
  await screenshot(page, "keys-table");
  expect(await page.content()).not.toContain(secret);

  await page.reload();
  await expect(page.getByRole("row", { name: /Inference gateway/ })).toBeVisible();
  const html = await (await page.request.get("/settings/secret-keys")).text();
  const secretBody = secret.slice(14, -4);
  for (const text of [await page.content(), html, page.url(), JSON.stringify(await context.storageState())]) {
    expect(text).not.toContain(secretBody);
  }
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(storage).not.toContain(secretBody);

  await page.getByRole("button", { name: "Actions for Inference gateway" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete “Inference gateway”?" });
  await expect(confirm).toContainText("Last used: never");
  await confirm.getByRole("button", { name: "Delete key" }).click();
  await expect(page.getByText("Key “Inference gateway” deleted.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Inference gateway/ })).toHaveCount(0);
});

test("bad input is refused next to the field and creates nothing", async ({ page }) => {
  await createKey(page, "Batch scoring");
  const dialog = await openCreateDialog(page);
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription("Enter a name for the key.");
  await dialog.getByLabel("Name").fill("batch SCORING");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription("A live key already has this name.");
  // A long pasted name is kept and flagged, never cut silently; pasted line breaks are named.
  await dialog.getByLabel("Name").fill("x".repeat(150));
  await expect(dialog.getByLabel("Name")).toHaveValue("x".repeat(150));
  await expect(dialog.getByLabel("Name")).toHaveAccessibleDescription("Use at most 100 characters (this has 150).");
  await dialog.getByLabel("Name").fill("");
  await dialog.getByLabel("Name").focus();
  await dialog.getByLabel("Name").evaluate((input) => {
    const data = new DataTransfer();
    data.setData("text/plain", "Nightly\nexport job");
    input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(dialog.getByLabel("Name")).toHaveValue("Nightly export job");
  await expect(dialog.getByRole("status").filter({ hasText: "The pasted text had line breaks; they became spaces." })).toBeVisible();
  await dialog.getByRole("radio", { name: /Restricted/ }).check();
  await dialog.getByLabel("Name").fill("Restricted without actions");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Allow at least one action in one of the key's scopes.")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("row", { name: /Restricted without actions/ })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /batch scoring/i })).toHaveCount(1);
});

test("sort, filter and search the table through the URL", async ({ page }) => {
  await createKey(page, "Zeta staging key", "Staging");
  await createKey(page, "Alpha dev key", "Development");
  await page.getByRole("button", { name: /^Name/ }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", /ascending|descending/);
  await page.getByLabel("Environment").selectOption("STAGING");
  await expect(page).toHaveURL(/environment=STAGING/);
  await expect(page.getByRole("row", { name: /Zeta staging key/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Alpha dev key/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByLabel("Search").fill("alpha dev");
  await expect(page).toHaveURL(/q=alpha/);
  await expect(page.getByRole("row", { name: /Alpha dev key/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Zeta staging key/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Search")).toHaveValue("alpha dev");
});

test("a member sees keys but no create or delete controls, and a forged create is refused", async ({ page, browser }) => {
  const max = { name: "Max Member", email: "max@acme.test", role: "MEMBER" as const, password: "max's first password" };
  await addMember(page, max);

  // The owner's create call shows what the action request looks like.
  const actionId = await createKeyActionId(page, "Owner made key");

  const { context: memberContext, page: memberPage } = await signInAs(browser, max);
  await expect(memberPage.getByTestId("current-role")).toHaveText("Member");
  await expect(memberPage.getByRole("row", { name: /Owner made key/ })).toBeVisible();
  // The navigation offers only what a member may open.
  const memberNav = memberPage.getByRole("navigation", { name: "Settings" });
  await expect(memberNav.getByRole("link")).toHaveText(["Secret Keys", "Key requests", "Usage", "Members", "Responsibilities", "Security", "Sessions"]);
  await expect(memberPage.getByRole("button", { name: "Create secret key" })).toHaveCount(0);
  await memberPage.getByRole("button", { name: "Actions for Owner made key" }).click();
  await expect(memberPage.getByRole("menuitem")).toHaveText(["View details"]);

  const forged = await memberPage.request.post("/settings/secret-keys", {
    headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify([{ name: "Forged by member", environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" }]),
  });
  const body = await forged.text();
  expect(body).toContain("FORBIDDEN");
  expect(body).not.toMatch(/skml_live_/);
  await memberContext.close();

  await page.reload();
  await expect(page.getByRole("row", { name: /Forged by member/ })).toHaveCount(0);
});

test("with per-scope keys on, a key can be limited to one scope", async ({ page }) => {
  await page.goto("/settings/security");
  const toggle = page.getByRole("switch", { name: /Per-scope keys/ });
  await setSwitch(toggle, true);
  // Saved on the server: still on after a reload.
  await page.reload();
  await expect(toggle).toBeChecked();
  const dialog = await openCreateDialog(page);
  await dialog.getByLabel("Name").fill("Dataset sync");
  await dialog.getByRole("checkbox", { name: /Training/ }).uncheck();
  await dialog.getByRole("checkbox", { name: /Deployment/ }).uncheck();
  await dialog.getByRole("radio", { name: /Labeler only/ }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  await page.getByLabel("I have stored this key somewhere safe.").check();
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row", { name: /Dataset sync/ });
  await expect(row).toContainText("Dataset");
  await expect(row).not.toContainText("All scopes");
  await row.getByRole("link", { name: "Dataset sync" }).click();
  await expect(page.getByRole("list", { name: "Allowed actions" })).toHaveText("Dataset: Read, Annotate");
  await expect(page.getByRole("cell", { name: "Key created" })).toBeVisible();
  await expect(page.getByText(OWNER.name).first()).toBeVisible();
});

test("a new key works against the verification API, and its use shows as Last Used and activity", async ({ page }) => {
  const secret = await createKey(page, "SDK smoke test", "Staging");
  const whoami = await page.request.get("/api/v1/whoami", { headers: { Authorization: `Bearer ${secret}` } });
  expect(whoami.status()).toBe(200);
  expect(whoami.headers()["cache-control"]).toBe("no-store");
  expect(await whoami.json()).toMatchObject({ name: "SDK smoke test", environment: "staging", permission: "full" });

  const verify = await page.request.post("/api/v1/keys/verify", {
    data: { key: secret, scope: "deployment", action: "write", client: { ipAddress: "198.51.100.23", userAgent: "inference-sdk/3.1" } },
    headers: SERVICE_HEADERS,
  });
  expect(await verify.json()).toMatchObject({ valid: true, allowed: true, scopes: ["dataset", "training", "deployment"] });

  const row = page.getByRole("row", { name: /SDK smoke test/ });
  await expect(async () => {
    await page.reload();
    await expect(row.getByRole("cell").nth(6)).toContainText("just now", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  await row.getByRole("link", { name: "SDK smoke test" }).click();
  const activity = page.getByRole("region", { name: "Recent activity" });
  await expect(activity.getByRole("row", { name: /198\.51\.100\.23/ })).toContainText("inference-sdk/3.1");
  await expect(activity.getByRole("row", { name: /198\.51\.100\.23/ })).toContainText("Allowed");

  // Deleted: the same key is refused at once.
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete key" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Deleted");
  const refused = await page.request.post("/api/v1/keys/verify", { data: { key: secret, scope: "dataset", action: "read" } });
  expect(refused.status()).toBe(401);
  expect(await refused.text()).toBe('{"valid":false,"code":"invalid_key"}');
});

test("rotate a key: the new secret is shown once, the old one works through the grace period, then rotating at once stops it", async ({ page }) => {
  const first = await createKey(page, "Rotating batch job");
  const verify = (key: string) => page.request.post("/api/v1/keys/verify", { data: { key, scope: "dataset", action: "read" } });

  await page.getByRole("button", { name: "Actions for Rotating batch job" }).click();
  await page.getByRole("menuitem", { name: "Rotate" }).click();
  const dialog = page.getByRole("dialog", { name: "Rotate “Rotating batch job”?" });
  await expect(dialog.getByRole("radio", { name: "In 24 hours" })).toBeChecked();
  await dialog.getByRole("radio", { name: "In 1 hour" }).check();
  await dialog.getByRole("button", { name: "Rotate key" }).click();
  const reveal = page.getByRole("dialog", { name: "Save your secret key" });
  const second = await shownValue(reveal.getByTestId("revealed-secret"));
  expect(second).toMatch(/^skml_live_/);
  expect(second).not.toBe(first);
  await reveal.getByLabel("I have stored this key somewhere safe.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("Key “Rotating batch job” rotated. The previous secret works until")).toBeVisible();

  const rows = page.getByRole("row", { name: /Rotating batch job/ });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: /Stops working in (1 hour|59 minutes)/ })).toHaveCount(1);
  expect((await verify(first)).status()).toBe(200);
  expect((await verify(second)).status()).toBe(200);

  // The old key's page links to its successor, which rotates at once.
  await rows.filter({ hasText: "Rotated" }).getByRole("link", { name: "Rotating batch job" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Rotated");
  await expect(page.getByRole("button", { name: "Rotate" })).toHaveCount(0);
  await page.getByRole("definition").filter({ hasText: "replaced by" }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Active");
  await page.getByRole("button", { name: "Rotate" }).click();
  await page.getByRole("dialog", { name: "Rotate “Rotating batch job”?" }).getByRole("radio", { name: "Immediately" }).check();
  await page.getByRole("button", { name: "Rotate key" }).click();
  const third = await shownValue(reveal.getByTestId("revealed-secret"));
  await reveal.getByLabel("I have stored this key somewhere safe.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Expired");
  // Every instance drops the old record within a second (NOTIFY).
  await expect.poll(async () => (await verify(second)).status(), { timeout: 2_000 }).toBe(401);
  expect((await verify(third)).status()).toBe(200);

  await page.goto("/settings/audit-log");
  await expect(page.getByRole("cell", { name: /^Key rotated: replaced by skml_live_/ })).toHaveCount(2);
});

test("a key expiring within two weeks is marked Rotation due, and the filter finds it", async ({ page }) => {
  const dialog = await openCreateDialog(page);
  await dialog.getByLabel("Name").fill("Short-lived CI key");
  await dialog.getByRole("radio", { name: "CI/CD", exact: true }).check();
  await dialog.getByLabel("Expires").selectOption("7");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const reveal = page.getByRole("dialog", { name: "Save your secret key" });
  await reveal.getByLabel("I have stored this key somewhere safe.").check();
  await reveal.getByRole("button", { name: "Done" }).click();
  await createKey(page, "Fresh production key");

  await expect(page.getByRole("row", { name: /Short-lived CI key/ })).toContainText("Rotation due");
  await expect(page.getByRole("row", { name: /Fresh production key/ })).not.toContainText("Rotation due");
  await page.getByLabel("Rotation due").check();
  await expect(page).toHaveURL(/due=1/);
  await expect(page.getByRole("row", { name: /Fresh production key/ })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Short-lived CI key/ })).toBeVisible();
});

test("select several keys and delete them together after a confirmation naming each", async ({ page }) => {
  const first = await createKey(page, "Audit leftover A", "Development");
  const second = await createKey(page, "Audit leftover B", "Development");
  await createKey(page, "Audit keeper", "Development");
  await page.getByLabel("Search").fill("Audit");
  await expect(page).toHaveURL(/q=Audit/);
  await expect(page.getByText("1–3 of 3")).toBeVisible();

  await page.getByLabel("Select Audit leftover A").check();
  await page.getByLabel("Select Audit leftover B").check();
  const selection = page.getByRole("region", { name: "Selection" });
  await expect(selection).toContainText("2 selected");
  await selection.getByRole("button", { name: "Delete selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete 2 keys?" });
  await expect(dialog.getByRole("list", { name: "Keys to delete" })).toContainText("Audit leftover A");
  await expect(dialog.getByRole("list", { name: "Keys to delete" })).toContainText("last used never");
  await dialog.getByRole("button", { name: "Delete 2 keys" }).click();
  await expect(page.getByText("2 keys deleted.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Audit leftover/ })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Audit keeper/ })).toHaveCount(1);
  await expect(selection).toHaveCount(0);

  for (const key of [first, second]) {
    await expect
      .poll(async () => (await page.request.post("/api/v1/keys/verify", { data: { key, scope: "dataset", action: "read" } })).status(), { timeout: 2_000 })
      .toBe(401);
  }
});
