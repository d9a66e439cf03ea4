import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { createKey } from "./create-key";
import { deleteKey, deleteKeys } from "./delete-key";
import { hashKey, parseKey } from "./key-format";
import { keyHashSecret } from "./key-hash-secret";
import { renameKey } from "./rename-key";

const ROLES: Role[] = ["OWNER", "ADMIN", "SECURITY", "MEMBER"];
const validInput = (name = "Training pipeline") => ({
  name,
  environment: "PRODUCTION",
  permission: "FULL",
  expiresInDays: "90",
});

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function snapshot(organizationId: string) {
  const keys = await db().secretKey.findMany({ where: { organizationId }, orderBy: { id: "asc" } });
  const events = await db().auditEvent.count({ where: { organizationId } });
  return { keys, events };
}

describe("createKey", () => {
  it("stores only an HMAC, a display prefix and the last four, and returns the secret once", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const { key, secret } = await createKey({ actor: actors.OWNER, input: validInput() });
    expect(parseKey(secret)).toEqual({ environmentMarker: "live" });
    const row = await db().secretKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.hash).toBe(hashKey(secret, keyHashSecret()));
    expect(JSON.stringify(row)).not.toContain(secret.slice(14, -4));
    expect(row).toMatchObject({ displayPrefix: secret.slice(0, 14), lastFour: secret.slice(-4), scopes: ["DATASET", "TRAINING", "DEPLOYMENT"] });
    expect(key).not.toHaveProperty("hash");
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(90 * 86_400_000);

    const [event] = await db().auditEvent.findMany({ where: { organizationId: organization.id } });
    expect(event).toMatchObject({
      action: "key.created",
      keyId: key.id,
      keyPrefix: row.displayPrefix,
      actorUserId: actors.OWNER.userId,
      ipAddress: "203.0.113.7",
      userAgent: "vitest",
    });
    expect(JSON.stringify(event)).not.toContain(secret);
  });

  it.each(ROLES)("as %s: allowed only for owners and admins", async (role) => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const before = await snapshot(organization.id);
    const attempt = createKey({ actor: actors[role], input: validInput() });
    if (role === "OWNER" || role === "ADMIN") {
      await expect(attempt).resolves.toMatchObject({ key: { name: "Training pipeline" } });
    } else {
      expect((await errorOf(attempt)).code).toBe("FORBIDDEN");
      expect(await snapshot(organization.id)).toEqual(before);
    }
  });

  it("refuses a name already used by a live key (any case), and allows it again once that key is deleted", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: actors.OWNER, input: validInput("CI runner") });
    const conflict = await errorOf(createKey({ actor: actors.OWNER, input: validInput("ci RUNNER") }));
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.fieldErrors?.name).toBeDefined();
    await deleteKey({ actor: actors.OWNER, input: { keyId: key.id } });
    await expect(createKey({ actor: actors.OWNER, input: validInput("CI runner") })).resolves.toBeDefined();
  });

  it("lets two organizations use the same name", async () => {
    const a = await createOrganizationWithAllRoles();
    const b = await createOrganizationWithAllRoles();
    await createKey({ actor: a.actors.OWNER, input: validInput("Shared name") });
    await expect(createKey({ actor: b.actors.OWNER, input: validInput("Shared name") })).resolves.toBeDefined();
  });

  it.each([
    ["no name", { ...validInput(), name: "" }],
    ["a 101-character name", { ...validInput(), name: "n".repeat(101) }],
    ["a line break in the name", { ...validInput(), name: "ok\nkey.deleted by admin" }],
    ["an unknown environment", { ...validInput(), environment: "MARS" }],
    ["an unknown permission", { ...validInput(), permission: "ROOT" }],
    ["an unknown expiry", { ...validInput(), expiresInDays: "9999" }],
    ["wrong types", { ...validInput(), name: 42, scopes: "DATASET" }],
    ["restricted with nothing allowed", { ...validInput(), permission: "RESTRICTED", restrictedActions: {} }],
    ["restricted with an action the scope lacks", { ...validInput(), permission: "RESTRICTED", restrictedActions: { TRAINING: ["annotate"] } }],
    ["a subset of scopes while per-scope keys are off", { ...validInput(), scopes: ["DATASET"] }],
    ["not an object", "name=x"],
  ])("refuses %s and changes nothing", async (_label, input) => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const before = await snapshot(organization.id);
    await expect(createKey({ actor: actors.OWNER, input })).rejects.toThrow();
    expect(await snapshot(organization.id)).toEqual(before);
  });

  it("honours chosen scopes and restricted actions when per-scope keys are on", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    await db().organization.update({ where: { id: organization.id }, data: { granularScopes: true } });
    const { key } = await createKey({
      actor: actors.ADMIN,
      input: {
        ...validInput(),
        scopes: ["DEPLOYMENT", "DATASET"],
        permission: "RESTRICTED",
        restrictedActions: { DATASET: ["annotate"], TRAINING: ["write"], DEPLOYMENT: ["read"] },
        expiresInDays: "never",
      },
    });
    expect(key.scopes).toEqual(["DATASET", "DEPLOYMENT"]);
    // TRAINING is outside the key's scopes, so its actions are dropped.
    expect(key.restrictedActions).toEqual({ DATASET: ["annotate"], DEPLOYMENT: ["read"] });
    expect(key.expiresAt).toBeNull();
  });
});

describe("renameKey and deleteKey", () => {
  it.each(ROLES)("as %s: rename allowed for owners and admins only", async (role) => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: actors.OWNER, input: validInput() });
    const before = await snapshot(organization.id);
    const attempt = renameKey({ actor: actors[role], input: { keyId: key.id, name: "Renamed" } });
    if (role === "OWNER" || role === "ADMIN") {
      await attempt;
      const row = await db().secretKey.findUniqueOrThrow({ where: { id: key.id } });
      expect(row.name).toBe("Renamed");
      const event = await db().auditEvent.findFirstOrThrow({ where: { keyId: key.id, action: "key.renamed" } });
      expect(event.details).toEqual({ from: "Training pipeline", to: "Renamed" });
    } else {
      expect((await errorOf(attempt)).code).toBe("FORBIDDEN");
      expect(await snapshot(organization.id)).toEqual(before);
    }
  });

  it.each(ROLES)("as %s: delete allowed for owners, admins and security", async (role) => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: actors.OWNER, input: validInput() });
    const before = await snapshot(organization.id);
    const attempt = deleteKey({ actor: actors[role], input: { keyId: key.id } });
    if (role === "MEMBER") {
      expect((await errorOf(attempt)).code).toBe("FORBIDDEN");
      expect(await snapshot(organization.id)).toEqual(before);
    } else {
      await attempt;
      const row = await db().secretKey.findUniqueOrThrow({ where: { id: key.id } });
      expect(row.deletedAt).not.toBeNull();
      expect(row.deletedById).toBe(actors[role].userId);
      expect(await db().auditEvent.count({ where: { keyId: key.id, action: "key.deleted" } })).toBe(1);
    }
  });

  it("refuses another organization's key id for rename and delete, changing nothing in either", async () => {
    const victim = await createOrganizationWithAllRoles();
    const attacker = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: victim.actors.OWNER, input: validInput() });
    const victimBefore = await snapshot(victim.organization.id);
    const attackerBefore = await snapshot(attacker.organization.id);
    expect((await errorOf(renameKey({ actor: attacker.actors.OWNER, input: { keyId: key.id, name: "pwned" } }))).code).toBe("NOT_FOUND");
    expect((await errorOf(deleteKey({ actor: attacker.actors.OWNER, input: { keyId: key.id } }))).code).toBe("NOT_FOUND");
    expect(await snapshot(victim.organization.id)).toEqual(victimBefore);
    expect(await snapshot(attacker.organization.id)).toEqual(attackerBefore);
  });

  it("refuses to delete a key twice, and to rename a deleted key", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: actors.OWNER, input: validInput() });
    await deleteKey({ actor: actors.OWNER, input: { keyId: key.id } });
    const before = await snapshot(organization.id);
    expect((await errorOf(deleteKey({ actor: actors.OWNER, input: { keyId: key.id } }))).code).toBe("NOT_FOUND");
    expect((await errorOf(renameKey({ actor: actors.OWNER, input: { keyId: key.id, name: "again" } }))).code).toBe("NOT_FOUND");
    expect(await snapshot(organization.id)).toEqual(before);
  });

  it("refuses a rename onto another live key's name", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    await createKey({ actor: actors.OWNER, input: validInput("Alpha") });
    const { key } = await createKey({ actor: actors.OWNER, input: validInput("Beta") });
    expect((await errorOf(renameKey({ actor: actors.OWNER, input: { keyId: key.id, name: "ALPHA" } }))).code).toBe("CONFLICT");
  });
});

describe("deleteKeys (bulk)", () => {
  async function threeKeys() {
    const org = await createOrganizationWithAllRoles();
    const ids: string[] = [];
    for (const name of ["stale one", "stale two", "stale three"]) ids.push((await createKey({ actor: org.actors.OWNER, input: validInput(name) })).key.id);
    return { ...org, ids };
  }

  it("deletes every chosen key in one go, audits each, and notifies once", async () => {
    const { organization, actors, members, ids } = await threeKeys();
    const notificationsBefore = await db().notification.count({ where: { organizationId: organization.id } });
    expect(await deleteKeys({ actor: actors.SECURITY, input: { keyIds: ids } })).toEqual({ names: ["stale one", "stale two", "stale three"] });
    expect(await db().secretKey.count({ where: { id: { in: ids }, deletedAt: null } })).toBe(0);
    expect(await db().auditEvent.count({ where: { keyId: { in: ids }, action: "key.deleted" } })).toBe(3);
    expect(await db().notification.count({ where: { organizationId: organization.id } })).toBe(notificationsBefore + members.length);
  });

  it("deletes none when one of them is gone or belongs to another organization", async () => {
    const { organization, actors, ids } = await threeKeys();
    const other = await threeKeys();
    await deleteKey({ actor: actors.OWNER, input: { keyId: ids[2] } });
    const before = await snapshot(organization.id);
    expect((await errorOf(deleteKeys({ actor: actors.OWNER, input: { keyIds: ids } }))).code).toBe("NOT_FOUND");
    expect((await errorOf(deleteKeys({ actor: actors.OWNER, input: { keyIds: [ids[0], other.ids[0]] } }))).code).toBe("NOT_FOUND");
    expect(await snapshot(organization.id)).toEqual(before);
    expect(await db().secretKey.count({ where: { id: { in: other.ids }, deletedAt: null } })).toBe(3);
  });

  it("refuses a member, an empty or oversized list and duplicates", async () => {
    const { organization, actors, ids } = await threeKeys();
    const before = await snapshot(organization.id);
    expect((await errorOf(deleteKeys({ actor: actors.MEMBER, input: { keyIds: ids } }))).code).toBe("FORBIDDEN");
    for (const keyIds of [[], [ids[0], ids[0]], Array.from({ length: 101 }, (_, i) => `k${i}`), "all"]) {
      await expect(deleteKeys({ actor: actors.OWNER, input: { keyIds } })).rejects.toThrow();
    }
    expect(await snapshot(organization.id)).toEqual(before);
  });
});
