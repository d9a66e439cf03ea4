import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { shownValue } from "./shown";
import { OWNER, SERVICE_HEADERS } from "./owner";
import { screenshot } from "./screenshot";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("a security lead runs the compromise wizard end to end", async ({ page }) => {
  await page.goto("/settings/secret-keys");
  await page.getByRole("button", { name: "Create secret key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create secret key" });
  await dialog.getByLabel("Name").fill("Payments model key");
  await dialog.getByRole("radio", { name: "Production", exact: true }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const leaked = await shownValue(page.getByTestId("revealed-secret"));
  await page.getByLabel("I have stored this key somewhere safe.").check();
  await page.getByRole("button", { name: "Done" }).click();

  const use = (key: string) =>
    page.request.post("/api/v1/keys/verify", {
      data: { key, scope: "deployment", action: "read", client: { ipAddress: "203.0.113.80", userAgent: "payments-svc/7" } },
      headers: SERVICE_HEADERS,
    });
  expect((await use(leaked)).status()).toBe(200);

  // Activity is written within a few seconds; wait for it as a user would.
  const row = page.getByRole("row", { name: /Payments model key/ });
  await row.getByRole("link", { name: "Payments model key" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Payments model key");
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "Recent activity" })).toContainText("203.0.113.80", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  await page.getByRole("link", { name: "Report compromised" }).click();
  await page.getByRole("button", { name: "Start the response" }).click();
  const steps = page.getByRole("list", { name: "Steps" });

  await steps.getByRole("button", { name: "Revoke now" }).click();
  await expect(steps.getByText(/stopped working everywhere/)).toBeVisible();
  expect((await use(leaked)).status()).toBe(401);

  await expect(steps.getByLabel("Name of the replacement")).toHaveValue("Payments model key (replacement)");
  await steps.getByRole("button", { name: "Create replacement" }).click();
  const replacement = await shownValue(page.getByTestId("revealed-secret"));
  expect(replacement).toMatch(/^skml_live_/);
  await page.getByLabel("I have stored this key somewhere safe.").check();
  await page.getByRole("button", { name: "Done" }).click();
  expect((await use(replacement)).status()).toBe(200);

  const checklist = page.getByRole("list", { name: "Clients that used the key" });
  await expect(checklist).toContainText("203.0.113.80 · payments-svc/7");
  await checklist.getByRole("checkbox", { name: "203.0.113.80 (payments-svc/7) updated to the replacement" }).check();
  await screenshot(page, "compromise-wizard");
  await steps.getByRole("button", { name: "Confirm apps updated" }).click();

  // The use before revocation, and the attempt after it (written within a
  // few seconds), flagged. Reloading resumes at the same step.
  await expect(async () => {
    await page.reload();
    await expect(steps.getByRole("row", { name: /203\.0\.113\.80/ })).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(steps.getByRole("row", { name: /revoked/ })).toContainText("after revocation");
  await steps.getByRole("button", { name: "Mark activity reviewed" }).click();

  const channels = steps.getByRole("list", { name: "Channels" });
  await expect(channels).toContainText("An email to every member.");
  await steps.getByLabel("Message to the team").fill("Payments model key leaked in a CI log. Switch payments-svc to the replacement.");
  await steps.getByRole("button", { name: /Notify \d+ members?/ }).click();

  // The email goes out through the SMTP server; the wizard shows it arrive.
  const deliveries = steps.getByRole("list", { name: "Deliveries" });
  await expect(deliveries.getByTestId("delivery").filter({ hasText: `Email to ${OWNER.email}` })).toContainText("delivered", { timeout: 15_000 });
  const mail = fs.readdirSync(process.env.E2E_MAIL_DIR!).map((file) => fs.readFileSync(path.join(process.env.E2E_MAIL_DIR!, file), "utf8"));
  const ownerMail = mail.find((message) => message.startsWith(`X-Envelope-To: ${OWNER.email}`) && message.includes("Switch payments-svc"));
  expect(ownerMail).toBeDefined();
  expect(ownerMail).not.toContain(leaked);
  expect(ownerMail).not.toContain(replacement);

  await steps.getByRole("button", { name: "Close incident" }).click();
  await expect(steps.getByText("The incident is closed.")).toBeVisible();

  // Reopening shows the finished timeline, and the summary exports.
  await page.reload();
  await expect(steps.getByText("(done)")).toHaveCount(6);
  const summary = await page.request.get(`${new URL(page.url()).pathname}/summary?format=md`);
  const markdown = await summary.text();
  for (const label of [
    "Revoke the key now",
    "Create a replacement",
    "Update the apps that used it",
    "Review its recent activity",
    "Notify the team",
    "Close the incident",
  ]) {
    expect(markdown).toContain(label);
  }
  expect(markdown).toContain(`- Email to ${OWNER.email.replaceAll(".", "\\.")}: delivered`);
  expect(markdown).not.toContain(leaked);
  expect(markdown).not.toContain(replacement);

  // The printable report: facts, the whole timeline, the message sent.
  await page.getByRole("link", { name: "Report (printable)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Incident report: compromised key “Payments model key”");
  await expect(page.getByRole("row")).toHaveCount(7);
  await expect(page.getByRole("row", { name: /Create a replacement/ })).toContainText('Replacement "Payments model key (replacement)" created');
  await expect(page.getByText("Switch payments-svc to the replacement.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Settings" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  // The team hears about it in the app; the owner, who created the key, as its owner.
  await page.getByRole("link", { name: /Notifications, \d+ unread/ }).click();
  const notifications = page.getByRole("list", { name: "Notifications" });
  await expect(notifications).toContainText("Your key “Payments model key” was reported compromised");
  await expect(notifications).toContainText("Your key “Payments model key” was compromised");
  await expect(notifications).toContainText("Incident for your key “Payments model key” closed");
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByTestId("unread-count")).toHaveCount(0);

  // The incident is listed, closed, with every step done.
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Incidents" }).click();
  const listed = page.getByRole("row", { name: /Payments model key/ });
  await expect(listed).toContainText("Closed");
  await expect(listed).toContainText("6 of 6 steps");
  await listed.getByRole("link", { name: "Report for Payments model key" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Incident report");
});
