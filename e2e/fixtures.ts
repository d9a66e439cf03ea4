import { test as base, expect } from "@playwright/test";

// Every test's pages run under the app's Content-Security-Policy; any
// violation the browser reports (a blocked script, style or frame) fails
// the test that caused it.
export const test = base.extend({
  context: async ({ context }, use) => {
    const violations: string[] = [];
    context.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`${message.location().url}: ${message.text()}`);
    });
    await use(context);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
});

export { expect };
