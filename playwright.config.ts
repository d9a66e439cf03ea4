import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS } from "./e2e/chromium-args";
import { OWNER_STATE, SERVICE_TOKEN } from "./e2e/owner";

// scripts/test-e2e.ts sets these: a free port, a throwaway data directory
// (so first-run setup starts from nothing), its mail catcher and the browser
// it found.
const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = process.env.E2E_DATA_DIR;
if (!dataDir || !process.env.E2E_SMTP_PORT) throw new Error("Run the end-to-end tests with `npm run test:e2e` (it prepares a data directory).");

const launchOptions = {
  executablePath: process.env.E2E_CHROMIUM_PATH || undefined,
  args: CHROMIUM_ARGS,
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Generous: CI machines are shared and have 2 cores; tests wait for what users see, never for fixed times.
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions,
  },
  projects: [
    { name: "first-run", testMatch: /first-run\.setup\.ts/, use: { ...devices["Desktop Chrome"], launchOptions } },
    {
      name: "chromium",
      dependencies: ["first-run"],
      testMatch: /.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions, storageState: OWNER_STATE },
    },
  ],
  webServer: {
    command: "node --import tsx scripts/start.ts",
    url: `http://localhost:${port}/signin`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      HOST: "127.0.0.1",
      // The incident emails go to scripts/e2e-mail-catcher.ts.
      SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
      SMTP_FROM: "Secret Keys <security@example.test>",
      VERIFY_SERVICE_TOKENS: SERVICE_TOKEN,
      // Single sign-on through scripts/test-e2e.ts's oidc-provider on loopback.
      OIDC_ISSUER: process.env.E2E_OIDC_ISSUER ?? "",
      OIDC_CLIENT_ID: process.env.E2E_OIDC_CLIENT_ID ?? "",
      OIDC_CLIENT_SECRET: process.env.E2E_OIDC_CLIENT_SECRET ?? "",
    },
  },
});
