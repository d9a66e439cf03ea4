import fs from "node:fs";
import path from "node:path";
import type { Route } from "@playwright/test";
import { expect, test } from "./fixtures";
import { shownText } from "./shown";
import { OWNER } from "./owner";

test("an owner sets the incident webhook and sees its signing secret once", async ({ page }) => {
  await page.goto("/settings/security");
  await page.getByLabel("Webhook URL").fill("not a url");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Webhook URL")).toHaveAccessibleDescription(/Enter an http\(s\) URL/);
  // SSRF: the cloud metadata address, spelled as a URL parser reads it, is refused.
  await page.getByLabel("Webhook URL").fill("http://0xa9fea9fe/latest/meta-data/");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Webhook URL")).toHaveAccessibleDescription(/This address is not allowed/);

  await page.getByLabel("Webhook URL").fill("https://hooks.example.test/secret-keys");
  await page.getByRole("button", { name: "Save" }).click();
  const secret = await shownText(page.getByTestId("webhook-secret"));
  // Standard Webhooks: whsec_ and the standard base64 of 32 bytes.
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await page.getByText("How to verify deliveries").click();
  await expect(page.getByText('import { Webhook } from "standardwebhooks";')).toBeVisible();
  await expect(page.getByText(/x-secret-keys/)).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel("Webhook URL")).toHaveValue("https://hooks.example.test/secret-keys");
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret!);

  // Incident events by default; key events on request, kept across reloads.
  const events = page.getByRole("group", { name: "Events to send" });
  await expect(events.getByLabel(/A key is reported compromised/)).toBeChecked();
  await expect(events.getByLabel(/A key is created/)).not.toBeChecked();
  await events.getByLabel(/A key is created/).check();
  await page.getByRole("button", { name: "Save events" }).click();
  await expect(page.getByText("Saved: 4 events.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("group", { name: "Events to send" }).getByLabel(/A key is created/)).toBeChecked();

  // Removing it asks first, then leaves no webhook behind.
  await page.getByRole("button", { name: "Remove webhook" }).click();
  await page.getByRole("dialog", { name: "Remove the webhook?" }).getByRole("button", { name: "Remove webhook" }).click();
  await expect(page.getByText("Webhook removed. Incident events are no longer sent.")).toBeVisible();
  await expect(page.getByLabel("Webhook URL")).toHaveValue("");
  await page.reload();
  await expect(page.getByLabel("Webhook URL")).toHaveValue("");
  await expect(page.getByRole("button", { name: "Send test event" })).toHaveCount(0);
});

test("an owner sees where incident emails go and sends a test email that arrives", async ({ page }) => {
  await page.goto("/settings/security");
  const section = page.getByRole("region", { name: "Incident email" });
  await expect(section).toContainText("Incident emails go to every member through 127.0.0.1");
  await section.getByRole("button", { name: "Send me a test email" }).click();
  await expect(section.getByRole("status")).toHaveText(`Sent to ${OWNER.email}.`);
  const mailDir = process.env.E2E_MAIL_DIR!;
  const messages = fs.readdirSync(mailDir).map((file) => fs.readFileSync(path.join(mailDir, file), "utf8"));
  expect(messages.some((message) => message.startsWith(`X-Envelope-To: ${OWNER.email}`) && message.includes("Test email"))).toBe(true);
});

test("a switch flipped from the keyboard keeps its focus while it saves, and ignores presses until then", async ({ page }) => {
  await page.goto("/settings/security");
  const toggle = page.getByRole("switch", { name: /Per-scope keys/ });
  const before = await toggle.isChecked();
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  await page.route("**/settings/security", async (route) => {
    if (route.request().method() === "POST") await answered;
    await route.continue();
  });
  await toggle.focus();
  await page.keyboard.press("Space");
  await expect(toggle).toHaveAccessibleDescription("Saving…");
  await page.keyboard.press("Space");
  await expect(toggle).toBeChecked({ checked: !before });
  answer();
  await expect(toggle).toHaveAccessibleDescription("Saved.");
  await expect(toggle).toBeFocused();
  await page.unroute("**/settings/security");
  await page.keyboard.press("Space");
  await expect(toggle).toHaveAccessibleDescription("Saved.");
  await expect(toggle).toBeChecked({ checked: before });
  await page.reload();
  await expect(toggle).toBeChecked({ checked: before });
});

test("a switch whose change gets no answer says it may not be saved, and the page stays usable", async ({ page }) => {
  await page.goto("/settings/security");
  const toggle = page.getByRole("switch", { name: /Per-scope keys/ });
  const before = await toggle.isChecked();
  const isAction = (route: Route) => route.request().method() === "POST";
  await page.route("**/settings/security", (route) => (isAction(route) ? route.abort() : route.continue()));
  await toggle.click();
  await expect(toggle).toHaveAccessibleDescription(/No answer from the server: the change may not have been saved/);
  await expect(toggle).toBeChecked({ checked: before });
  await expect(page.getByLabel("Webhook URL")).toBeVisible();
  await page.unroute("**/settings/security");
  await page.reload();
  await expect(toggle).toBeChecked({ checked: before });
});
