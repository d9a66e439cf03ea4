import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findAuditHmacSecret, loadServerSecrets } from "./server-secrets";

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sk-secrets-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const ALL_FROM_ENV = { NEXTAUTH_SECRET: "s", KEY_HASH_SECRET: "k", AUDIT_HMAC_SECRET: "a", TWO_FACTOR_SECRET: "t" };

describe("loadServerSecrets", () => {
  it("generates strong secrets once, readable only by the owner, and reuses them", () => {
    const dir = tempDir();
    const first = loadServerSecrets(dir, {});
    expect(first.sessionSecret).toMatch(/^[\w-]{43}$/);
    expect(first.auditHmacSecret).toMatch(/^[\w-]{43}$/);
    expect(new Set(Object.values(first)).size).toBe(4);
    expect(fs.statSync(path.join(dir, "server-secrets.json")).mode & 0o777).toBe(0o600);
    expect(loadServerSecrets(dir, {})).toEqual(first);
  });

  it("prefers secrets from the environment and writes nothing when all are set", () => {
    const dir = tempDir();
    expect(loadServerSecrets(dir, ALL_FROM_ENV)).toEqual({ sessionSecret: "s", keyHashSecret: "k", auditHmacSecret: "a", twoFactorSecret: "t" });
    expect(fs.existsSync(path.join(dir, "server-secrets.json"))).toBe(false);
  });

  it("adds the audit secret to a file from an older version, keeping its secrets, its mode and no temporary file", () => {
    const dir = tempDir();
    const file = path.join(dir, "server-secrets.json");
    fs.writeFileSync(file, JSON.stringify({ sessionSecret: "old-session", keyHashSecret: "old-key-hash" }), { mode: 0o600 });
    const secrets = loadServerSecrets(dir, {});
    expect(secrets).toMatchObject({ sessionSecret: "old-session", keyHashSecret: "old-key-hash" });
    expect(secrets.auditHmacSecret).toMatch(/^[\w-]{43}$/);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(secrets);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(["server-secrets.json"]);
    expect(loadServerSecrets(dir, {})).toEqual(secrets);
  });

  it("leaves an older file alone when the environment supplies the missing secrets", () => {
    const dir = tempDir();
    const file = path.join(dir, "server-secrets.json");
    const old = JSON.stringify({ sessionSecret: "old-session", keyHashSecret: "old-key-hash" });
    fs.writeFileSync(file, old, { mode: 0o600 });
    expect(loadServerSecrets(dir, { AUDIT_HMAC_SECRET: "a", TWO_FACTOR_SECRET: "t" })).toEqual({
      sessionSecret: "old-session",
      keyHashSecret: "old-key-hash",
      auditHmacSecret: "a",
      twoFactorSecret: "t",
    });
    expect(fs.readFileSync(file, "utf8")).toBe(old);
  });
});

describe("findAuditHmacSecret", () => {
  it("reads the environment, else the stored file, and never generates one", () => {
    const dir = tempDir();
    expect(findAuditHmacSecret(dir, {})).toBeUndefined();
    expect(fs.existsSync(path.join(dir, "server-secrets.json"))).toBe(false);
    const stored = loadServerSecrets(dir, {});
    expect(findAuditHmacSecret(dir, {})).toBe(stored.auditHmacSecret);
    expect(findAuditHmacSecret(dir, { AUDIT_HMAC_SECRET: "from-env" })).toBe("from-env");
  });
});
