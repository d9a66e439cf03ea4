import { beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { completeSetup } from "./complete-setup";
import { isSetupComplete } from "./setup-state";

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

describe("completeSetup on an untouched installation", () => {
  beforeAll(async () => {
    await useFreshDatabase();
  });

  it.each([
    ["empty input", {}],
    ["a missing organization name", { ...valid, organizationName: "   " }],
    ["a name over 100 characters", { ...valid, name: "x".repeat(101) }],
    ["a line break in the organization name", { ...valid, organizationName: "Acme\nAudit: forged" }],
    ["an invalid email", { ...valid, email: "not-an-email" }],
    ["a short password", { ...valid, password: "short" }],
    ["wrong types", { ...valid, password: 123456789012345 }],
    ["not an object", "organizationName=Acme"],
  ])("refuses %s and changes nothing", async (_label, input) => {
    await expect(completeSetup(input)).rejects.toThrow();
    expect(await counts()).toEqual({ users: 0, organizations: 0, memberships: 0 });
    expect(await isSetupComplete()).toBe(false);
  });

  it("creates the organization and its owner, who can then sign in", async () => {
    const { organizationId, userId } = await completeSetup(valid);
    const membership = await db().membership.findFirstOrThrow({ where: { userId }, include: { user: true } });
    expect(membership).toMatchObject({ organizationId, role: "OWNER" });
    expect(membership.user.email).toBe("ada@example.test");
    expect(membership.user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await isSetupComplete()).toBe(true);
    await expect(authenticate({ credentials: valid, ipAddress: "127.0.0.1" })).resolves.toMatchObject({ id: userId });
  });

  it("refuses a second setup and changes nothing", async () => {
    const before = await counts();
    const error = await completeSetup({ ...valid, email: "mallory@example.test" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("SETUP_COMPLETE");
    expect(await counts()).toEqual(before);
  });
});

describe("completeSetup under a race", () => {
  beforeAll(async () => {
    await useFreshDatabase();
  });

  it("lets exactly one of several simultaneous setups through", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => completeSetup({ ...valid, email: `racer${i}@example.test` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as AppError).code).toBe("SETUP_COMPLETE");
    }
    expect(await counts()).toEqual({ users: 1, organizations: 1, memberships: 1 });
  });
});
