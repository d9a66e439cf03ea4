import path from "node:path";
import type { Locator, Page, Response } from "@playwright/test";
import { can, ROLE_LABELS, type Operation } from "../lib/auth/permissions";
import { appFiles } from "../lib/testing/app-files";
import { COULD_NOT_CONNECT } from "../lib/webhooks/delivery-outcome";
import { expect, test } from "./fixtures";
import { addMember, signInOn, type NewMember } from "./members";
import { OWNER, OWNER_STATE } from "./owner";

// Every page of the app, visited as a member of every role: what each sees
// follows ROLE_PERMISSIONS. A page file without a row here fails the first test.

type Role = NewMember["role"];
const ROLES: Role[] = ["OWNER", "ADMIN", "SECURITY", "MEMBER"];
const MEMBERS: Record<Exclude<Role, "OWNER">, NewMember> = {
  ADMIN: { name: "Authz Admin", email: "authz-admin@acme.test", role: "ADMIN", password: "authz admin first password" },
  SECURITY: { name: "Authz Security", email: "authz-security@acme.test", role: "SECURITY", password: "authz security first password" },
  MEMBER: { name: "Authz Member", email: "authz-member@acme.test", role: "MEMBER", password: "authz member first password" },
};
const KEY_NAME = "Authorization table key";
// Receivers often take a token in the path; only owners may see it.
const WEBHOOK_HOST = "hooks.example.test";
const WEBHOOK_TOKEN = "T0KEN/authz-4f9c2e7d1b";
// Every query is scoped by organization, so another organization's key id
// finds exactly what a made-up one does.
const MADE_UP_ID = "cmadeupkeyid0000000000000";
const NOT_AVAILABLE = "Not available to your role";

type Landing = { path: string } | { status: number };
// A part of a page for one operation: there exactly for the roles that have
// it, as an element or as text anywhere in the HTML (the RSC payload too).
type Part = { needs: Operation; find: (page: Page) => Locator } | { needs: Operation; html: string };
type PageRow = {
  needs: Operation | "any member" | "public";
  // Where a signed-in member is sent instead of a page of its own.
  lands?: Landing;
  // Where a visitor without a session is sent; sign-in unless said.
  signedOut?: Landing;
  // What only the roles the page is for may see on it.
  content?: (page: Page) => Locator;
  parts?: Part[];
};

const PAGES: Record<string, PageRow> = {
  "/": { needs: "any member", lands: { path: "/settings/secret-keys" } },
  "/setup": { needs: "public", lands: { status: 404 }, signedOut: { status: 404 } },
  "/signin": { needs: "public", lands: { path: "/settings/secret-keys" }, signedOut: { path: "/signin" } },
  "/settings/audit-log": { needs: "audit.view", content: (p) => p.getByRole("form", { name: "Filter events" }) },
  "/settings/incidents": { needs: "incidents.run", content: (p) => p.getByRole("row", { name: new RegExp(KEY_NAME) }) },
  "/settings/members": {
    needs: "members.view",
    content: (p) => p.getByRole("cell", { name: OWNER.email }),
    parts: [
      { needs: "members.manage", find: (p) => p.getByRole("heading", { name: "Add a member" }) },
      { needs: "members.manage", find: (p) => p.getByRole("combobox", { name: `Role of ${OWNER.name}` }) },
    ],
  },
  "/settings/notifications": { needs: "any member", content: (p) => p.getByRole("heading", { level: 1, name: "Notifications" }) },
  "/settings/secret-keys": {
    needs: "keys.view",
    content: (p) => p.getByRole("row", { name: new RegExp(KEY_NAME) }),
    parts: [{ needs: "keys.create", find: (p) => p.getByRole("button", { name: "Create secret key" }) }],
  },
  "/settings/secret-keys/[id]": {
    needs: "keys.view",
    content: (p) => p.getByRole("heading", { level: 1, name: new RegExp(KEY_NAME) }),
    parts: [
      { needs: "audit.view", find: (p) => p.getByRole("heading", { name: "History" }) },
      { needs: "incidents.run", find: (p) => p.getByRole("link", { name: "Report compromised" }) },
      { needs: "keys.rename", find: (p) => p.getByRole("button", { name: "Rename", exact: true }) },
      { needs: "keys.edit", find: (p) => p.getByRole("button", { name: "Edit details", exact: true }) },
      { needs: "keys.rotate", find: (p) => p.getByRole("button", { name: "Rotate", exact: true }) },
      { needs: "keys.delete", find: (p) => p.getByRole("button", { name: "Delete", exact: true }) },
    ],
  },
  "/settings/secret-keys/[id]/compromised": { needs: "incidents.run", content: (p) => p.getByRole("list", { name: "Steps" }) },
  "/settings/secret-keys/[id]/compromised/report": { needs: "incidents.run", content: (p) => p.getByRole("heading", { level: 1, name: /Incident report/ }) },
  "/settings/key-requests": { needs: "keys.view", content: (p) => p.getByRole("heading", { level: 1, name: "Key requests" }) },
  "/settings/responsibilities": {
    needs: "any member",
    content: (p) => p.getByRole("row", { name: /Create production keys/ }),
    parts: [{ needs: "settings.manage", find: (p) => p.getByRole("form", { name: "Billing owner" }) }],
  },
  "/settings/usage": { needs: "keys.view", content: (p) => p.getByRole("heading", { level: 1, name: "Usage" }) },
  "/settings/sessions": { needs: "any member", content: (p) => p.getByRole("row", { name: /This browser/ }) },
  // Only for a member whose organization requires two-factor sign-in and who
  // has none yet (e2e/two-factor.spec.ts); everyone else goes to Security.
  "/enrol-two-factor": { needs: "any member", lands: { path: "/settings/security" } },
  // Public: the link in the fragment is the proof; without one the page says so.
  "/set-password": { needs: "public", signedOut: { path: "/set-password" }, content: (p) => p.getByText("This link is not complete.") },
  "/reset-password": { needs: "public", signedOut: { path: "/reset-password" }, content: (p) => p.getByText("This link is not complete.") },
  "/forgot-password": { needs: "public", signedOut: { path: "/forgot-password" }, content: (p) => p.getByRole("form", { name: "Reset your password" }) },
  "/settings/security": {
    needs: "any member",
    content: (p) => p.getByRole("heading", { name: "Your sessions" }),
    parts: [
      { needs: "settings.manage", find: (p) => p.getByRole("textbox", { name: "Webhook URL" }) },
      { needs: "settings.manage", html: WEBHOOK_HOST },
      { needs: "settings.manage", html: WEBHOOK_TOKEN },
      { needs: "settings.manage", find: (p) => p.getByRole("list", { name: "Recent deliveries" }) },
      { needs: "settings.manage", html: COULD_NOT_CONNECT },
      { needs: "settings.manage", find: (p) => p.getByRole("button", { name: "Send me a test email" }) },
      { needs: "settings.manage", find: (p) => p.getByRole("switch", { name: /Let new people join with SSO/, disabled: false }) },
      { needs: "settings.manage", find: (p) => p.getByRole("switch", { name: /Require SSO/, disabled: false }) },
      { needs: "settings.manage", find: (p) => p.getByRole("combobox", { name: "Break-glass owner", disabled: false }) },
    ],
  },
};

// "/settings/secret-keys/[id]" for app/settings/secret-keys/[id]/page.tsx.
function pageRoutes(): string[] {
  return appFiles(path.join(__dirname, "..", "app"), "page.tsx").map((file) => `/${path.posix.dirname(file)}`.replace(/^\/\.$/, "/"));
}

async function expectLanding(page: Page, response: Response | null, landing: Landing, label: string) {
  if ("status" in landing) expect(response?.status(), label).toBe(landing.status);
  else expect(new URL(page.url()).pathname, label).toBe(landing.path);
}

async function checkPage(page: Page, role: Role, route: string, id: string) {
  const row = PAGES[route];
  const url = route.replace("[id]", id);
  const label = `${role} on ${url}`;
  const response = await page.goto(url);
  if (row.lands) return expectLanding(page, response, row.lands, label);
  const allowed = row.needs === "any member" || row.needs === "public" || can(role, row.needs);
  const content = row.content!(page);
  if (id === MADE_UP_ID) {
    if (allowed || response?.status() !== 200) expect(response?.status(), label).toBe(404);
    else await expect(page.getByText(NOT_AVAILABLE), label).toBeVisible();
    return expect(content, label).toHaveCount(0);
  }
  expect(response?.status(), label).toBe(200);
  if (allowed) await expect(content, label).toBeVisible();
  else {
    await expect(page.getByText(NOT_AVAILABLE), label).toBeVisible();
    await expect(content, label).toHaveCount(0);
  }
  const html = await page.content();
  for (const part of row.parts ?? []) {
    const shown = can(role, part.needs);
    if ("html" in part) expect(html.includes(part.html), `${label}: "${part.html}" only for ${part.needs}`).toBe(shown);
    else if (shown) await expect(part.find(page).first(), `${label}: ${part.needs}`).toBeVisible();
    else await expect(part.find(page), `${label}: only for ${part.needs}`).toHaveCount(0);
  }
}

test.describe.configure({ mode: "serial" });
let keyId = "";

test("every page of the app has a row in the table, and every row a page", () => {
  const routes = pageRoutes();
  expect(
    routes.filter((route) => !(route in PAGES)),
    "pages without a row in PAGES",
  ).toEqual([]);
  expect(
    Object.keys(PAGES).filter((route) => !routes.includes(route)),
    "rows in PAGES without a page",
  ).toEqual([]);
});

test("the owner sets the scene: a key with an open incident, a webhook with a token in its path and a failed delivery, a member of each role", async ({
  page,
}) => {
  await page.goto("/settings/secret-keys");
  await page.getByRole("button", { name: "Create secret key" }).first().click();
  await page.getByRole("dialog", { name: "Create secret key" }).getByLabel("Name").fill(KEY_NAME);
  await page.getByRole("button", { name: "Create key" }).click();
  await page.getByLabel("I have stored this key somewhere safe.").check();
  await page.getByRole("button", { name: "Done" }).click();
  await page
    .getByRole("row", { name: new RegExp(KEY_NAME) })
    .getByRole("link", { name: KEY_NAME })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(KEY_NAME);
  keyId = new URL(page.url()).pathname.split("/").pop()!;
  await page.getByRole("link", { name: "Report compromised" }).click();
  await page.getByRole("button", { name: "Start the response" }).click();
  await expect(page.getByRole("list", { name: "Steps" })).toBeVisible();

  await page.goto("/settings/security");
  await page.getByLabel("Webhook URL").fill(`https://${WEBHOOK_HOST}/services/${WEBHOOK_TOKEN}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("webhook-secret")).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText(`Not delivered yet: ${COULD_NOT_CONNECT}`)).toBeVisible({ timeout: 15_000 });

  for (const member of Object.values(MEMBERS)) await addMember(page, member);
});

for (const role of ROLES) {
  test(`${role}: every page shows what ROLE_PERMISSIONS gives the role; a made-up key id finds nothing`, async ({ page }) => {
    test.setTimeout(120_000);
    if (role === "OWNER") await page.goto("/settings/secret-keys");
    else await signInOn(page, MEMBERS[role]);
    await expect(page.getByTestId("current-role")).toHaveText(ROLE_LABELS[role]);
    for (const route of pageRoutes()) {
      for (const id of route.includes("[id]") ? [keyId, MADE_UP_ID] : [""]) await checkPage(page, role, route, id);
    }
  });
}

test("without a session every page but setup and the password pages leads to sign-in", async ({ page }) => {
  await page.context().clearCookies();
  for (const route of pageRoutes()) {
    const response = await page.goto(route.replace("[id]", keyId));
    await expectLanding(page, response, PAGES[route].signedOut ?? { path: "/signin" }, `signed out on ${route}`);
  }
});

// Later spec files expect no webhook.
test.afterAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: OWNER_STATE });
  const page = await context.newPage();
  await page.goto("/settings/security");
  if ((await page.getByRole("button", { name: "Remove webhook" }).count()) > 0) {
    await page.getByRole("button", { name: "Remove webhook" }).click();
    await page.getByRole("dialog", { name: "Remove the webhook?" }).getByRole("button", { name: "Remove webhook" }).click();
    await expect(page.getByText("Webhook removed. Incident events are no longer sent.")).toBeVisible();
  }
  await context.close();
});
