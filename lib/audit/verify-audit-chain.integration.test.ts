import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { renameKey } from "@/lib/keys/rename-key";
import { asSuperuser } from "@/lib/testing/as-superuser";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { auditSealMatches } from "./audit-seal";
import { recordAuditEvent } from "./record-event";
import { verifyAuditChain, verifyOwnAuditChain } from "./verify-audit-chain";

// Changes rows the way an attacker with database access would: with the
// append-only trigger switched off for this one transaction.
async function tamper(sql: string | string[], params: unknown[]) {
  await asSuperuser(async (client) => {
    for (const statement of Array.isArray(sql) ? sql : [sql]) await client.query(statement, params);
  });
}

async function keyEvents(actor: Parameters<typeof createKey>[0]["actor"]) {
  const { key } = await createKey({ actor, input: { name: "Audited", environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" } });
  await renameKey({ actor, input: { keyId: key.id, name: "Audited 2" } });
  await renameKey({ actor, input: { keyId: key.id, name: "Audited 3" } });
  return key;
}

describe("audit chain", () => {
  it("chains each organization's events in order, and verifies", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    await keyEvents(actors.OWNER);
    const events = await db().auditEvent.findMany({ where: { organizationId: organization.id }, orderBy: { sequence: "asc" } });
    expect(events.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(events[0].previousHash).toBeNull();
    expect(events[1].previousHash).toBe(events[0].hash);
    expect(events[2].hash).toMatch(/^[0-9a-f]{64}$/);
    const seals = await db().auditSeal.findMany({ where: { organizationId: organization.id }, orderBy: { sequence: "asc" } });
    expect(seals.map((s) => s.sequence)).toEqual([1, 2, 3]);
    expect(await verifyAuditChain(organization.id)).toEqual({ ok: true, events: 3, head: { sequence: 3, seal: seals[2].mac } });
  });

  it("refuses UPDATE, DELETE and TRUNCATE from any code path", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    await keyEvents(actors.OWNER);
    const [event] = await db().auditEvent.findMany({ where: { organizationId: organization.id }, take: 1 });
    await expect(db().auditEvent.update({ where: { id: event.id }, data: { actorLabel: "someone else" } })).rejects.toThrow();
    await expect(db().auditEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    await expect(db().$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "organizationId" = '${organization.id}'`)).rejects.toThrow(/append-only/);
    // Refused by the seals' foreign key now, and by the trigger with CASCADE.
    await expect(db().$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/foreign key/);
    await expect(db().$executeRawUnsafe(`TRUNCATE "AuditEvent" CASCADE`)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(organization.id)).toMatchObject({ ok: true, events: 3 });
  });

  it("names the first event changed behind the application's back", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    await keyEvents(actors.OWNER);
    const events = await db().auditEvent.findMany({ where: { organizationId: organization.id }, orderBy: { sequence: "asc" } });
    await tamper(`UPDATE "AuditEvent" SET "actorLabel" = 'nobody' WHERE "id" = $1`, [events[1].id]);
    expect(await verifyAuditChain(organization.id)).toMatchObject({
      ok: false,
      brokenEventId: events[1].id,
      sequence: 2,
      reason: expect.stringMatching(/changed after it was written/),
    });
  });

  it("notices a deleted event and a re-hashed forgery", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    await keyEvents(actors.OWNER);
    const events = await db().auditEvent.findMany({ where: { organizationId: organization.id }, orderBy: { sequence: "asc" } });
    await tamper(`DELETE FROM "AuditEvent" WHERE "id" = $1`, [events[1].id]);
    expect(await verifyAuditChain(organization.id)).toMatchObject({ ok: false, sequence: 2, reason: expect.stringMatching(/missing/) });

    const other = await createOrganizationWithAllRoles();
    await keyEvents(other.actors.OWNER);
    const [first, second] = await db().auditEvent.findMany({ where: { organizationId: other.organization.id }, orderBy: { sequence: "asc" } });
    // The forger recomputes the changed event's own hash, but cannot fix the next link.
    await tamper(
      [
        `UPDATE "AuditEvent" SET "actorLabel" = 'forged' WHERE "id" = $1`,
        `UPDATE "AuditEvent" SET "hash" = audit_event_hash(t) FROM "AuditEvent" t WHERE t."id" = $1 AND "AuditEvent"."id" = $1`,
      ],
      [first.id],
    );
    const verdict = await verifyAuditChain(other.organization.id);
    expect(verdict).toMatchObject({ ok: false });
    expect([first.id, second.id]).toContain((verdict as { brokenEventId: string }).brokenEventId);
  });

  it("keeps a valid, sealed chain under 100 concurrent inserts across two organizations", async () => {
    const mine = await createOrganizationWithAllRoles();
    const theirs = await createOrganizationWithAllRoles();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        db().$transaction((tx) => recordAuditEvent(tx, { actor: (i % 4 === 0 ? theirs : mine).actors.ADMIN, action: "member.added", details: { i } })),
      ),
    );
    for (const [{ organization }, count] of [
      [mine, 75],
      [theirs, 25],
    ] as const) {
      const events = await db().auditEvent.findMany({ where: { organizationId: organization.id }, orderBy: { sequence: "asc" }, include: { seal: true } });
      expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      // Each seal belongs to the row the trigger numbered, not to a neighbour's.
      for (const event of events) expect(auditSealMatches(process.env.AUDIT_HMAC_SECRET!, event, event.seal!.mac)).toBe(true);
      expect(await verifyAuditChain(organization.id)).toMatchObject({ ok: true, events: count, head: { sequence: count } });
    }
  });

  it("lets owners, admins and security verify their own organization's chain only", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    await keyEvents(actors.OWNER);
    const other = await createOrganizationWithAllRoles();
    await keyEvents(other.actors.OWNER);
    await db().$transaction((tx) => recordAuditEvent(tx, { actor: other.actors.OWNER, action: "member.added" }));
    for (const role of ["OWNER", "ADMIN", "SECURITY"] as const) {
      expect(await verifyOwnAuditChain(actors[role])).toMatchObject({ ok: true, events: 3 });
    }
    await expect(verifyOwnAuditChain(actors.MEMBER)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
