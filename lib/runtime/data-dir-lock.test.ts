import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lockDataDir } from "./data-dir-lock";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sk-lock-"));
  dirs.push(dir);
  return dir;
};

describe("lockDataDir", () => {
  it("refuses a second holder while the first is alive, with a clear message", () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/already running on the data directory .* \(process \d+\)/);
    lock.release();
    lockDataDir(dir).release();
  });

  it("takes over a lock left by a process that no longer exists", () => {
    const dir = tempDir();
    const deadPid = spawnSync("true").pid!;
    fs.writeFileSync(path.join(dir, "secret-keys.pid"), String(deadPid));
    const lock = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, "secret-keys.pid"), "utf8")).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, "secret-keys.pid"))).toBe(false);
  });
});
