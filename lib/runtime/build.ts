import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "@/lib/config/paths";
import { runBin } from "./run-command";

const SOURCE_DIRS = ["app", "components", "lib", "public"];
const IGNORED = new Set(["generated", "node_modules"]);

function newestSourceTime(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (IGNORED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function buildIsCurrent(root = PROJECT_ROOT): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const configs = ["next.config.ts", "package.json"].map((file) => path.join(root, file));
  const newest = Math.max(
    ...SOURCE_DIRS.map((dir) => newestSourceTime(path.join(root, dir))),
    ...configs.map((file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0)),
  );
  return newest <= builtAt;
}

export async function buildApp(): Promise<void> {
  await runBin("next", ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
}
