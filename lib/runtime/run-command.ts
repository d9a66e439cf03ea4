import { spawn } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT } from "@/lib/config/paths";

// Runs a CLI from node_modules/.bin, failing with its output when it fails.
export function runBin(bin: string, args: string[], env: NodeJS.ProcessEnv = process.env, quiet = true): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(PROJECT_ROOT, "node_modules", ".bin", bin), args, {
      cwd: PROJECT_ROOT,
      env,
      stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`\`${bin} ${args.join(" ")}\` failed (exit ${code}):\n${output.trim()}`));
    });
  });
}
