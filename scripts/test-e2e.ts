// End-to-end tests: a production build of the app on a throwaway embedded
// database, driven in a real Chromium by Playwright.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildApp, buildIsCurrent } from "@/lib/runtime/build";
import { findFreePort } from "@/lib/runtime/free-port";
import { startMailCatcher } from "./e2e-mail-catcher";
import { findOrInstallBrowser } from "./find-browser";

async function main(): Promise<number> {
  const browser = findOrInstallBrowser();
  console.log(`[e2e] browser: ${browser.description}`);
  if (!buildIsCurrent()) {
    console.log("[e2e] building the app…");
    await buildApp();
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-keys-e2e-"));
  fs.chmodSync(dataDir, 0o755);
  const mailDir = path.join(dataDir, "mail");
  const mail = await startMailCatcher(mailDir);
  // The identity provider for single sign-on, on loopback; the app is
  // started with OIDC_* pointing at it (playwright.config.ts).
  const port = await findFreePort();
  const { startTestIdp } = await import("@/lib/testing/oidc-test-provider");
  const idp = await startTestIdp({ redirectUri: `http://localhost:${port}/api/auth/callback/oidc` });
  try {
    const playwright = spawn("npx", ["playwright", "test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: {
        ...process.env,
        E2E_PORT: String(port),
        E2E_OIDC_ISSUER: idp.issuer,
        E2E_OIDC_CLIENT_ID: idp.client.id,
        E2E_OIDC_CLIENT_SECRET: idp.client.secret,
        E2E_DATA_DIR: dataDir,
        E2E_MAIL_DIR: mailDir,
        E2E_SMTP_PORT: String(mail.port),
        E2E_CHROMIUM_PATH: browser.executablePath ?? "",
      },
    });
    return await new Promise<number>((resolve) => playwright.on("exit", (code) => resolve(code ?? 1)));
  } finally {
    await mail.close();
    await idp.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
