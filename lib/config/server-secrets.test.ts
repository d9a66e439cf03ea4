import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadServerSecrets } from "./server-secrets";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sk-secrets-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("loadServerSecrets", () => {
  it("generates strong secrets once, readable only by the owner, and reuses them", () => {
    const dir = tempDir();
    const first = loadServerSecrets(dir, {});
    expect(first.sessionSecret).toMatch(/^[\w-]{43}$/);
    expect(first.keyHashSecret).not.toBe(first.sessionSecret);
    expect(fs.statSync(path.join(dir, "server-secrets.json")).mode & 0o777).toBe(0o600);
    expect(loadServerSecrets(dir, {})).toEqual(first);
  });

  it("prefers secrets from the environment and writes nothing when both are set", () => {
    const dir = tempDir();
    expect(loadServerSecrets(dir, { NEXTAUTH_SECRET: "s", KEY_HASH_SECRET: "k" })).toEqual({ sessionSecret: "s", keyHashSecret: "k" });
    expect(fs.existsSync(path.join(dir, "server-secrets.json"))).toBe(false);
  });
});
