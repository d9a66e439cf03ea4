import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyOwnAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { startVerifyServer, verifyCall } from "@/lib/testing/verify-server";
import { createKey } from "./create-key";
import { deleteKey } from "./delete-key";
import { renameKey } from "./rename-key";
import { rotateKey } from "./rotate-key";

let server: Awaited<ReturnType<typeof startVerifyServer>>;
beforeAll(async () => {
  server = await startVerifyServer({ databaseUrl: process.env.DATABASE_URL! });
});
afterAll(() => server.close());

const verify = (key: string) => verifyCall(server.url, { key, scope: "dataset", action: "read" });

async function setup() {
  const org = await createOrganizationWithAllRoles();
  const created = await createKey({
    actor: org.actors.OWNER,
    input: { name: "Training pipeline", environment: "CI_CD", permission: "RESTRICTED", restrictedActions: { DATASET: ["read"] }, expiresInDays: "30" },
  });
  return { ...org, old: created };
}

describe("rotateKey", () => {
  it("issues a new secret with the same name and settings; the old one works until the grace period ends", async () => {
    const { organization, actors, old } = await setup();
    const now = new Date();
    const rotated = await rotateKey({ actor: actors.ADMIN, input: { keyId: old.key.id, grace: "1h" }, now });

    expect(rotated.key).toMatchObject({ name: "Training pipeline", environment: "CI_CD", permission: "RESTRICTED", restrictedActions: { DATASET: ["read"] } });
    // Same lifetime as the key it follows (30 days), not longer.
    expect(rotated.key.expiresAt).toEqual(new Date(now.getTime() + 30 * 86_400_000));
    expect(rotated.secret).not.toBe(old.secret);
    expect(rotated.oldKeyExpiresAt).toEqual(new Date(now.getTime() + 3_600_000));
    const oldRow = await db().secretKey.findUniqueOrThrow({ where: { id: old.key.id } });
    expect(oldRow).toMatchObject({ liveName: null, rotatedToId: rotated.key.id, rotatedAt: now, expiresAt: rotated.oldKeyExpiresAt, deletedAt: null });

    expect((await verify(old.secret)).status).toBe(200);
    expect((await verify(rotated.secret)).status).toBe(200);

    const events = await db().auditEvent.findMany({
      where: { organizationId: organization.id, action: { in: ["key.rotated", "key.created"] } },
      orderBy: { sequence: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["key.created", "key.created", "key.rotated"]);
    expect(events[2]).toMatchObject({ keyId: old.key.id, details: { replacementKeyId: rotated.key.id, grace: "1h" } });
    expect(JSON.stringify(events)).not.toContain(rotated.secret);
    expect((await verifyOwnAuditChain(actors.OWNER)).ok).toBe(true);
    const notification = await db().notification.findFirstOrThrow({ where: { userId: actors.MEMBER.userId }, orderBy: { createdAt: "desc" } });
    expect(notification).toMatchObject({ title: "Key “Training pipeline” rotated", link: `/settings/secret-keys/${rotated.key.id}` });
    expect(notification.body).toContain("stops working");

    // The old key keeps out of the successor's way: it cannot take a name back.
    await expect(renameKey({ actor: actors.OWNER, input: { keyId: old.key.id, name: "Old pipeline" } })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("with no grace period, the old key is refused within a second", async () => {
    const { actors, old } = await setup();
    expect((await verify(old.secret)).status).toBe(200);
    const rotated = await rotateKey({ actor: actors.OWNER, input: { keyId: old.key.id, grace: "now" } });
    const started = Date.now();
    while ((await verify(old.secret)).status !== 401 && Date.now() - started < 1_000) await new Promise((r) => setTimeout(r, 20));
    expect((await verify(old.secret)).status).toBe(401);
    expect((await verify(rotated.secret)).status).toBe(200);
  });

  it("makes one successor however many submits race, and refuses rotating the old key again", async () => {
    const { organization, actors, old } = await setup();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => rotateKey({ actor: actors.OWNER, input: { keyId: old.key.id, grace: "24h" } })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT" });
    expect(await db().secretKey.count({ where: { organizationId: organization.id } })).toBe(2);
  });

  it("refuses roles without rotation, another organization's key, a deleted key and bad input, changing nothing", async () => {
    const { organization, actors, old } = await setup();
    const other = await createOrganizationWithAllRoles();
    for (const role of ["SECURITY", "MEMBER"] as const) {
      await expect(rotateKey({ actor: actors[role], input: { keyId: old.key.id, grace: "1h" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(rotateKey({ actor: other.actors.OWNER, input: { keyId: old.key.id, grace: "1h" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const input of [{ keyId: old.key.id, grace: "30d" }, { keyId: old.key.id }, { grace: "1h" }, "x"]) {
      await expect(rotateKey({ actor: actors.OWNER, input })).rejects.toThrow();
    }
    expect(await db().secretKey.findUniqueOrThrow({ where: { id: old.key.id } })).toMatchObject({ rotatedToId: null, liveName: "training pipeline" });
    expect(await db().secretKey.count({ where: { organizationId: { in: [organization.id, other.organization.id] } } })).toBe(1);

    await deleteKey({ actor: actors.OWNER, input: { keyId: old.key.id } });
    await expect(rotateKey({ actor: actors.OWNER, input: { keyId: old.key.id, grace: "1h" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
