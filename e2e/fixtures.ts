import { test as base, expect, type BrowserContext } from "@playwright/test";
import { OWNER } from "./owner";
import { confirmPasswordWhenAsked } from "./reauth";

const MARK = "[csp-violation]";

// The browser reports blocked scripts, styles and frames as
// securitypolicyviolation events (not console calls); this turns each into a
// console message the test can see.
export async function reportCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.addInitScript((mark) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`${mark} ${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
    });
  }, MARK);
  context.on("console", (message) => {
    if (message.text().startsWith(MARK)) violations.push(message.text());
  });
  return violations;
}

// Every test's pages run under the app's Content-Security-Policy; any
// violation (a blocked script, style or frame) fails the test that caused it.
export const test = base.extend({
  context: async ({ context }, use) => {
    const violations = await reportCspViolations(context);
    await use(context);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
  // The owner's browser (storageState): the password dialog of dangerous
  // actions is answered with the owner's password.
  page: async ({ page }, use) => {
    await confirmPasswordWhenAsked(page, OWNER.password);
    await use(page);
  },
});

export { expect };
