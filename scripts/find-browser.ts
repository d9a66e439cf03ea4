import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

export type Browser = { executablePath?: string; description: string };

function found(): Browser | undefined {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`CHROMIUM_PATH points at ${explicit}, which does not exist.`);
    return { executablePath: explicit, description: `${explicit} (CHROMIUM_PATH)` };
  }
  if (fs.existsSync(chromium.executablePath())) return { description: "Playwright's Chromium" };
  const system = SYSTEM_CHROMIUMS.find((file) => fs.existsSync(file));
  return system ? { executablePath: system, description: system } : undefined;
}

function run(command: string, args: string[]): boolean {
  console.log(`[e2e] $ ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit" }).status === 0;
}

// Playwright's own Chromium, else a system one; failing both, install one
// (Playwright's download, or Debian's package when that cannot download).
export function findOrInstallBrowser(): Browser {
  const existing = found();
  if (existing) return existing;
  console.log("[e2e] No Chromium found; installing one…");
  run("npx", ["playwright", "install", "chromium"]);
  const downloaded = found();
  if (downloaded) return downloaded;
  if (process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get")) {
    run("apt-get", ["update"]);
    run("apt-get", ["install", "-y", "chromium"]);
    const installed = found();
    if (installed) return installed;
  }
  throw new Error(
    "The end-to-end tests need Chromium and none could be installed. Run one of:\n" +
      "  npx playwright install --with-deps chromium\n" +
      "  sudo apt-get install -y chromium        (Debian, Ubuntu)\n" +
      "or set CHROMIUM_PATH to a Chromium or Chrome executable.",
  );
}
