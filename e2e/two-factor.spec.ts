import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { totpCodeAt } from "../lib/two-factor/totp";
import { expect, test } from "./fixtures";
import { addMember, type NewMember } from "./members";
import { OWNER } from "./owner";
import { confirmPasswordWhenAsked, reauthDialog } from "./reauth";
import { setSwitch } from "./settings";

const tariq: NewMember = { name: "Tariq Two-Factor", email: "tariq@acme.test", role: "MEMBER", password: "tariq's long password" };
const tess: NewMember = { name: "Tess Second Owner", email: "tess@acme.test", role: "OWNER", password: "tess's long password too" };
const ravi: NewMember = { name: "Ravi Required", email: "ravi@acme.test", role: "MEMBER", password: "ravi's long password" };

// What the phone shows now, or one step ahead: a code whose step the app
// already accepted (the confirmation's) is refused, as it should be.
const phoneCode = (secret: string) => totpCodeAt(secret, new Date(Date.now() + 30_000));

async function signInWithPassword(page: Page, member: NewMember): Promise<void> {
  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function newBrowser(browser: Browser) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return { context, page: await context.newPage() };
}

// Sets up the authenticator app on this page as its user would: the QR code,
// the key read off the page into "the app", its code, then the recovery codes.
async function setUpAuthenticator(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("authenticator-key").innerText()).replace(/\s/g, "");
  await page.getByLabel("Enter the 6-digit code the app shows").fill("000000" === totpCodeAt(secret, new Date()) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByLabel("Enter the 6-digit code the app shows")).toHaveAccessibleDescription(/does not match/);
  await page.getByLabel("Enter the 6-digit code the app shows").fill(totpCodeAt(secret, new Date()));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = await list.getByRole("listitem").allInnerTexts();
  await expect(page.getByRole("button", { name: "Done" })).toBeDisabled();
  await page.getByLabel("I have stored my recovery codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  return { secret, recoveryCodes };
}

test("a member sets up an authenticator app, then signs in with its code or a recovery code, each once", async ({ page, browser }) => {
  await addMember(page, tariq);
  const { context, page: own } = await newBrowser(browser);
  await signInWithPassword(own, tariq);
  await expect(own.getByTestId("current-user")).toHaveText(tariq.name);
  await confirmPasswordWhenAsked(own, tariq.password);
  await own.goto("/settings/security");
  const { secret, recoveryCodes } = await setUpAuthenticator(own);
  await expect(own.getByTestId("recovery-codes-left")).toContainText("10 of 10 unused");
  expect(new Set(recoveryCodes).size).toBe(10);

  // The password alone is no longer enough.
  await signInWithPassword(own, tariq);
  const codeField = own.getByLabel("Code", { exact: true });
  await expect(codeField).toBeFocused();
  await codeField.fill(phoneCode(secret) === "123456" ? "654321" : "123456");
  await own.getByRole("button", { name: "Continue" }).click();
  await expect(codeField).toHaveAccessibleDescription(/That code is not right/);
  const code = phoneCode(secret);
  await codeField.fill(code);
  await own.getByRole("button", { name: "Continue" }).click();
  await expect(own.getByTestId("current-user")).toHaveText(tariq.name);

  // The same code again, in another browser: refused.
  const thief = await newBrowser(browser);
  await signInWithPassword(thief.page, tariq);
  await thief.page.getByLabel("Code", { exact: true }).fill(code);
  await thief.page.getByRole("button", { name: "Continue" }).click();
  await expect(thief.page.getByLabel("Code", { exact: true })).toHaveAccessibleDescription(/That code is not right/);

  // A recovery code works once.
  await thief.page.getByLabel("Code", { exact: true }).fill(recoveryCodes[0].toUpperCase());
  await thief.page.getByRole("button", { name: "Continue" }).click();
  await expect(thief.page.getByTestId("current-user")).toHaveText(tariq.name);
  await thief.context.close();

  // A dangerous action in a browser that has not confirmed anything takes a
  // recovery code in the dialog instead of the password.
  const fresh = await newBrowser(browser);
  await signInWithPassword(fresh.page, tariq);
  await fresh.page.getByLabel("Code", { exact: true }).fill(recoveryCodes[1]);
  await fresh.page.getByRole("button", { name: "Continue" }).click();
  await expect(fresh.page.getByTestId("current-user")).toHaveText(tariq.name);
  await fresh.page.goto("/settings/security");
  await expect(fresh.page.getByTestId("recovery-codes-left")).toContainText("8 of 10 unused");
  await fresh.page.getByRole("button", { name: "Make new recovery codes" }).click();
  const dialog = reauthDialog(fresh.page);
  await dialog.getByRole("button", { name: "Use a code from your authenticator app instead" }).click();
  await dialog.getByLabel("Code from your authenticator app").fill(recoveryCodes[2]);
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(fresh.page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await fresh.context.close();
  await context.close();
});

test("an owner requires two-factor sign-in: a member without it can only set it up, then carries on", async ({ page, browser }) => {
  await addMember(page, tess);
  await addMember(page, ravi);
  const owner = await newBrowser(browser);
  await signInWithPassword(owner.page, tess);
  await expect(owner.page.getByTestId("current-user")).toHaveText(tess.name);
  await confirmPasswordWhenAsked(owner.page, tess.password);
  await owner.page.goto("/settings/security");
  const requirement = owner.page.getByRole("switch", { name: /Require two-factor sign-in/ });
  // Not before the owner has it herself.
  await requirement.check();
  await expect(owner.page.getByText("Set up two-factor sign-in for yourself first")).toBeVisible();
  await expect(requirement).not.toBeChecked();
  await setUpAuthenticator(owner.page);
  try {
    await owner.page.reload();
    await setSwitch(requirement, true);
    await owner.page.reload();
    await expect(requirement).toBeChecked();

    // Ravi signs in and lands on the setup; nothing else opens.
    const member = await newBrowser(browser);
    await signInWithPassword(member.page, ravi);
    await expect(member.page).toHaveURL(/\/enrol-two-factor$/);
    await member.page.goto("/settings/secret-keys");
    await expect(member.page).toHaveURL(/\/enrol-two-factor$/);
    const axe = await new AxeBuilder({ page: member.page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    await confirmPasswordWhenAsked(member.page, ravi.password);
    await setUpAuthenticator(member.page);
    await expect(member.page.getByTestId("current-user")).toHaveText(ravi.name);
    await member.context.close();

    // The Members page shows who has which factor.
    await owner.page.goto("/settings/members");
    await expect(owner.page.getByRole("row", { name: new RegExp(ravi.email) })).toContainText("Authenticator app");
    await expect(owner.page.getByRole("row", { name: new RegExp(OWNER.email) })).toContainText("None (must set up)");
  } finally {
    // Later specs sign in as the first owner with her password alone.
    await owner.page.goto("/settings/security");
    await setSwitch(requirement, false);
    await owner.page.reload();
    await expect(requirement).not.toBeChecked();
    await owner.context.close();
  }
});

const priya: NewMember = { name: "Priya Passkey", email: "priya@acme.test", role: "MEMBER", password: "priya's long password" };

// A platform authenticator in this page's browser (Chromium's virtual
// authenticator), which verifies its user as a fingerprint reader would.
async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

test("a member adds a passkey, signs in with it alone or after the password, and confirms a dangerous action with it", async ({ page, browser }) => {
  await addMember(page, priya);
  const { context, page: own } = await newBrowser(browser);
  await addVirtualAuthenticator(own);
  await signInWithPassword(own, priya);
  await expect(own.getByTestId("current-user")).toHaveText(priya.name);
  await confirmPasswordWhenAsked(own, priya.password);
  await own.goto("/settings/security");
  const add = own.getByRole("form", { name: "Add a passkey" });
  await add.getByRole("button", { name: "Add a passkey" }).click();
  await expect(add.getByLabel("Passkey name")).toHaveAccessibleDescription(/Name this passkey/);
  await add.getByLabel("Passkey name").fill("Work laptop");
  await add.getByRole("button", { name: "Add a passkey" }).click();
  // The first second factor comes with recovery codes.
  await expect(own.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await own.getByLabel("I have stored my recovery codes").check();
  await own.getByRole("button", { name: "Done" }).click();
  await expect(own.getByRole("list", { name: "Your passkeys" })).toContainText("Work laptop");
  await expect(own.getByTestId("two-factor-summary")).toContainText("On");

  // A passkey alone signs in.
  await own.context().clearCookies();
  await own.goto("/signin");
  await own.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(own.getByTestId("current-user")).toHaveText(priya.name);

  // After the password, the passkey is the second step.
  await signInWithPassword(own, priya);
  await own.getByRole("button", { name: "Use a passkey" }).click();
  await expect(own.getByTestId("current-user")).toHaveText(priya.name);

  // A dangerous action in this new session: confirmed with the passkey.
  await own.removeLocatorHandler(reauthDialog(own));
  await own.goto("/settings/security");
  await own.getByRole("button", { name: "Make new recovery codes" }).click();
  await reauthDialog(own).getByRole("button", { name: "Use a passkey" }).click();
  await expect(own.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await own.getByLabel("I have stored my recovery codes").check();
  await own.getByRole("button", { name: "Done" }).click();
  await expect(own.getByRole("list", { name: "Your passkeys" })).toContainText("last used");
  await context.close();
});
