import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { createKey } from "./create-key";
import { deleteKey } from "./delete-key";
import { rotationDue } from "./key-rotation";
import { parseListKeysQuery } from "./list-keys-query";
import { listKeys } from "./list-keys";

const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
let organizationId: string;

// Keys with known names, environments, permissions and usage.
beforeAll(async () => {
  const { organization, actors } = await createOrganizationWithAllRoles();
  organizationId = organization.id;
  await db().organization.update({ where: { id: organizationId }, data: { granularScopes: true } });
  const specs = [
    {
      name: "alpha prod",
      environment: "PRODUCTION",
      permission: "FULL",
      scopes: ["DATASET", "TRAINING", "DEPLOYMENT"],
      createdDaysAgo: 200,
      lastUsedDaysAgo: 1,
    },
    { name: "beta staging", environment: "STAGING", permission: "READ_ONLY", scopes: ["DATASET"], createdDaysAgo: 150, lastUsedDaysAgo: 120 },
    { name: "gamma ci", environment: "CI_CD", permission: "LABELER_ONLY", scopes: ["DATASET"], createdDaysAgo: 30, lastUsedDaysAgo: null },
    { name: "delta dev", environment: "DEVELOPMENT", permission: "READ_ONLY", scopes: ["TRAINING"], createdDaysAgo: 3, lastUsedDaysAgo: null },
    { name: "epsilon_100%", environment: "PRODUCTION", permission: "READ_ONLY", scopes: ["DEPLOYMENT"], createdDaysAgo: 10, lastUsedDaysAgo: 5 },
  ] as const;
  for (const spec of specs) {
    const { key } = await createKey({
      actor: actors.ADMIN,
      input: { name: spec.name, environment: spec.environment, permission: spec.permission, scopes: spec.scopes, expiresInDays: "never" },
    });
    await db().secretKey.update({
      where: { id: key.id },
      data: { createdAt: daysAgo(spec.createdDaysAgo), lastUsedAt: spec.lastUsedDaysAgo === null ? null : daysAgo(spec.lastUsedDaysAgo) },
    });
  }
  const { key: deleted } = await createKey({
    actor: actors.ADMIN,
    input: { name: "zeta deleted", environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" },
  });
  await deleteKey({ actor: actors.ADMIN, input: { keyId: deleted.id } });
  // Another organization's keys never show.
  const other = await createOrganizationWithAllRoles();
  await createKey({ actor: other.actors.OWNER, input: { name: "alpha prod", environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" } });
});

const names = async (params: Record<string, string>) => (await listKeys(organizationId, parseListKeysQuery(params), now)).rows.map((row) => row.name);

describe("listKeys", () => {
  it("lists live keys of the organization only, newest first", async () => {
    expect(await names({})).toEqual(["delta dev", "epsilon_100%", "gamma ci", "beta staging", "alpha prod"]);
  });

  it("sorts on every column, both ways", async () => {
    expect(await names({ sort: "name", dir: "asc" })).toEqual(["alpha prod", "beta staging", "delta dev", "epsilon_100%", "gamma ci"]);
    const byUse = await names({ sort: "lastUsedAt", dir: "desc" });
    expect(byUse.slice(0, 3)).toEqual(["alpha prod", "epsilon_100%", "beta staging"]);
    expect(byUse.slice(3).sort()).toEqual(["delta dev", "gamma ci"]);
    expect((await names({ sort: "lastUsedAt", dir: "asc" })).slice(0, 2).sort()).toEqual(["delta dev", "gamma ci"]);
    expect(await names({ sort: "environment", dir: "asc" })).toEqual(["alpha prod", "epsilon_100%", "beta staging", "delta dev", "gamma ci"]);
    expect((await names({ sort: "permission", dir: "asc" }))[0]).toBe("alpha prod");
    // Scope lists compare in the scopes' own order (Dataset, Training, Deployment).
    expect((await names({ sort: "scopes", dir: "desc" }))[0]).toBe("epsilon_100%");
    expect(await names({ sort: "createdBy", dir: "asc" })).toHaveLength(5);
  });

  it("filters by scope, permission, environment and text, with LIKE wildcards taken literally", async () => {
    expect(await names({ scope: "TRAINING", sort: "name", dir: "asc" })).toEqual(["alpha prod", "delta dev"]);
    expect(await names({ permission: "READ_ONLY", environment: "PRODUCTION" })).toEqual(["epsilon_100%"]);
    // Upper case finds lower; long enough that no random key prefix matches.
    expect(await names({ q: "STAGING" })).toEqual(["beta staging"]);
    expect(await names({ q: "_100%" })).toEqual(["epsilon_100%"]);
    expect(await names({ q: "%" })).toEqual(["epsilon_100%"]);
    expect(await names({ q: "skml_" })).toHaveLength(5);
  });

  it("finds keys due for rotation, agreeing with the badge's rule", async () => {
    expect(await names({ due: "1" })).toEqual(["alpha prod"]);
    const delta = await db().secretKey.findFirstOrThrow({ where: { organizationId, name: "delta dev" } });
    await db().secretKey.update({ where: { id: delta.id }, data: { expiresAt: new Date(now.getTime() + 10 * 86_400_000) } });
    try {
      expect((await names({ due: "1" })).sort()).toEqual(["alpha prod", "delta dev"]);
      const all = (await listKeys(organizationId, parseListKeysQuery({}), now)).rows;
      expect(
        all
          .filter((key) => rotationDue(key, now))
          .map((key) => key.name)
          .sort(),
      ).toEqual(["alpha prod", "delta dev"]);
    } finally {
      await db().secretKey.update({ where: { id: delta.id }, data: { expiresAt: null } });
    }
  });

  it("finds stale keys: unused for 90 days, or never used and older than a week", async () => {
    expect((await names({ stale: "1" })).sort()).toEqual(["beta staging", "gamma ci"]);
  });

  it("fits on one page: no cursors either way", async () => {
    const first = await listKeys(organizationId, parseListKeysQuery({ pageSize: "10", sort: "name", dir: "asc" }), now);
    expect(first).toMatchObject({ total: { count: 5, more: false }, start: 0, nextCursor: null, prevCursor: null });
    expect(first.rows).toHaveLength(5);
  });

  it("never returns a hash", async () => {
    const { rows } = await listKeys(organizationId, parseListKeysQuery({}), now);
    for (const row of rows) expect(row).not.toHaveProperty("hash");
  });
});
