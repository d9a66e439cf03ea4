import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { completeSetup } from "./complete-setup";
import { isSetupComplete } from "./setup-state";
import { ensureSetupToken, setupTokenFile } from "./setup-token";

const valid = {
  organizationName: "Acme ML",
  name: "Ada Owner",
  email: "Ada@Example.test",
  password: "a long enough password",
};

async function counts() {
  return {
    users: await db().user.count(),
    organizations: await db().organization.count(),
    memberships: await db().membership.count(),
  };
}

let setupToken: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-keys-setup-"));
const withToken = (input: unknown) => completeSetup(input, { setupToken, ipAddress: "127.0.0.1", userAgent: "vitest" });

describe("completeSetup on an untouched installation", () => {
  beforeAll(async () => {
    await useFreshDatabase();
    setupToken = (await ensureSetupToken(dataDir))!;
  });

  it("keeps the setup token in the data directory, readable by its owner only, and reuses it on restart", async () => {
    expect(setupToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(fs.statSync(setupTokenFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(await ensureSetupToken(dataDir)).toBe(setupToken);
  });

  it.each([
    ["no token", undefined],
    ["an empty token", ""],
    ["a wrong token", "A".repeat(32)],
    ["a token of another shape", { $ne: null }],
    ["__proto__", "__proto__"],
  ])("the first visitor without the printed token gets nothing: %s", async (_label, token) => {
    const error = await completeSetup(valid, { setupToken: token }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("FORBIDDEN");
    expect(await counts()).toEqual({ users: 0, organizations: 0, memberships: 0 });
  });

  it.each([
    ["empty input", {}],
    ["a missing organization name", { ...valid, organizationName: "   " }],
    ["a name over 100 characters", { ...valid, name: "x".repeat(101) }],
    ["a line break in the organization name", { ...valid, organizationName: "Acme\nAudit: forged" }],
    ["an invalid email", { ...valid, email: "not-an-email" }],
    ["a short password", { ...valid, password: "short" }],
    ["a common password", { ...valid, password: "Password123456!" }],
    ["a password with a line break", { ...valid, password: "a long enough\npassword" }],
    ["wrong types", { ...valid, password: 123456789012345 }],
    ["not an object", "organizationName=Acme"],
  ])("refuses %s and changes nothing", async (_label, input) => {
    await expect(withToken(input)).rejects.toThrow();
    expect(await counts()).toEqual({ users: 0, organizations: 0, memberships: 0 });
    expect(await isSetupComplete()).toBe(false);
  });

  it("creates the organization and its owner, who can then sign in", async () => {
    const { organizationId, userId } = await withToken(valid);
    const membership = await db().membership.findFirstOrThrow({ where: { userId }, include: { user: true } });
    expect(membership).toMatchObject({ organizationId, role: "OWNER" });
    expect(membership.user.email).toBe("ada@example.test");
    expect(membership.user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await isSetupComplete()).toBe(true);
    await expect(authenticate({ credentials: valid, ipAddress: "127.0.0.1" })).resolves.toMatchObject({ id: userId });
    // Setup is the organization's first audit event; the token is used up.
    const first = await db().auditEvent.findFirstOrThrow({ where: { organizationId }, orderBy: { sequence: "asc" } });
    expect(first).toMatchObject({ action: "organization.created", actorUserId: userId, ipAddress: "127.0.0.1" });
    expect(await db().setupToken.count()).toBe(0);
    expect(await ensureSetupToken(dataDir)).toBeNull();
    expect(fs.existsSync(setupTokenFile(dataDir))).toBe(false);
  });

  it("refuses a second setup and changes nothing", async () => {
    const before = await counts();
    const error = await withToken({ ...valid, email: "mallory@example.test" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("SETUP_COMPLETE");
    expect(await counts()).toEqual(before);
  });
});

describe("completeSetup under a race", () => {
  beforeAll(async () => {
    await useFreshDatabase();
    setupToken = (await ensureSetupToken(fs.mkdtempSync(path.join(os.tmpdir(), "secret-keys-setup-"))))!;
  });

  it("lets exactly one of several simultaneous setups through", async () => {
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => withToken({ ...valid, email: `racer${i}@example.test` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as AppError).code).toBe("SETUP_COMPLETE");
    }
    expect(await counts()).toEqual({ users: 1, organizations: 1, memberships: 1 });
  });
});
