import { spawnSync } from "node:child_process";

const onPath = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

// A Debian tool the cluster test needs: used when present, installed with
// apt-get when missing and we are root, else null with the reason (the
// caller skips and says so).
export function ensureTool(command: string, debianPackage: string, log: (line: string) => void): { ok: true } | { ok: false; reason: string } {
  if (onPath(command)) return { ok: true };
  if (process.getuid?.() !== 0) return { ok: false, reason: `${command} is not installed (as root: apt-get install -y ${debianPackage})` };
  log(`Installing ${debianPackage} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-q"], { stdio: "ignore", env });
  spawnSync("apt-get", ["install", "-y", "-q", debianPackage], { stdio: "ignore", env });
  return onPath(command) ? { ok: true } : { ok: false, reason: `apt-get install ${debianPackage} did not provide ${command}` };
}
