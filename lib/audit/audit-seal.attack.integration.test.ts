import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { asSuperuser } from "@/lib/testing/as-superuser";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { keptHeadHolds } from "./audit-head";
import { recordAuditEvent } from "./record-event";
import { sealUnsealedEvents } from "./seal-unsealed-events";
import { auditSealAt, verifyAuditChain } from "./verify-audit-chain";

async function someEvents(count = 5) {
  const { organization, actors } = await createOrganizationWithAllRoles();
  for (let i = 1; i <= count; i++) {
    await db().$transaction((tx) => recordAuditEvent(tx, { actor: actors.OWNER, action: "member.added", details: { email: `m${i}@example.test` } }));
  }
  const events = await db().auditEvent.findMany({ where: { organizationId: organization.id }, orderBy: { sequence: "asc" }, include: { seal: true } });
  return { organization, actors, events };
}

// Recomputes every link and hash of an organization's chain in order with
// the database's own audit_event_hash(), as the chaining trigger would have.
async function rehashChain(organizationId: string) {
  await asSuperuser((client) =>
    client.query(`
      DO $$
      DECLARE e "AuditEvent"; previous text := NULL;
      BEGIN
        FOR e IN SELECT * FROM "AuditEvent" WHERE "organizationId" = '${organizationId}' ORDER BY "sequence" LOOP
          e."previousHash" := previous;
          e."hash" := audit_event_hash(e);
          UPDATE "AuditEvent" SET "previousHash" = e."previousHash", "hash" = e."hash" WHERE "id" = e."id";
          previous := e."hash";
        END LOOP;
      END $$`),
  );
}

// What the chain alone can see: every event in sequence, linked to the one
// before it, and matching its hash.
async function chainAloneIntact(organizationId: string): Promise<boolean> {
  const [{ broken }] = await db().$queryRaw<{ broken: number }[]>`
    SELECT count(*)::int AS "broken" FROM "AuditEvent" e
    LEFT JOIN "AuditEvent" p ON p."organizationId" = e."organizationId" AND p."sequence" = e."sequence" - 1
    WHERE e."organizationId" = ${organizationId}
      AND (e."hash" <> audit_event_hash(e) OR e."previousHash" IS DISTINCT FROM p."hash" OR (p."id" IS NULL AND e."sequence" <> 1))`;
  return broken === 0;
}

const FORGED_MAC = "f".repeat(64);

describe("audit seals against a database superuser", () => {
  it("a trigger that alters rows as the app writes them gets nothing sealed: the write fails and nothing is kept", async () => {
    const { organization, actors } = await someEvents(2);
    await asSuperuser(async (client) => {
      await client.query(`
        CREATE FUNCTION zz_forge() RETURNS trigger AS $$ BEGIN NEW."actorLabel" := 'Someone else'; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await client.query(`CREATE TRIGGER zz_forge BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION zz_forge()`);
    });
    try {
      const write = db().$transaction((tx) => recordAuditEvent(tx, { actor: actors.OWNER, action: "member.added", details: { email: "x@example.test" } }));
      await expect(write).rejects.toThrow(/altered as it was written/);
      expect(await db().auditEvent.count({ where: { organizationId: organization.id } })).toBe(2);
    } finally {
      await asSuperuser(async (client) => {
        await client.query(`DROP TRIGGER zz_forge ON "AuditEvent"`);
        await client.query(`DROP FUNCTION zz_forge()`);
      });
    }
  });

  it("rewriting an early event and removing the seals before it, leaving its stored hash, is named even after a restart re-seals", async () => {
    const { organization, events } = await someEvents(5);
    await asSuperuser(async (client) => {
      await client.query(`DELETE FROM "AuditSeal" WHERE "organizationId" = $1 AND "sequence" <= 2`, [organization.id]);
      await client.query(`UPDATE "AuditEvent" SET "actorLabel" = 'Someone else' WHERE "id" = $1`, [events[1].id]);
    });
    await sealUnsealedEvents();
    expect(await verifyAuditChain(organization.id)).toMatchObject({ ok: false, brokenEventId: events[1].id, sequence: 2 });
  });

  it("replacing the database's own hash function, then rewriting an event, is named by the seals", async () => {
    const { organization, events } = await someEvents();
    await asSuperuser(async (client) => {
      // The verifier would ask this function whether a row matches its hash.
      await client.query(`ALTER FUNCTION audit_event_hash("AuditEvent") RENAME TO audit_event_hash_saved`);
      await client.query(`
        CREATE FUNCTION audit_event_hash(e "AuditEvent") RETURNS text AS $$
          SELECT CASE WHEN e."hash" IS NOT NULL AND e."hash" <> '' THEN e."hash" ELSE audit_event_hash_saved(e) END
        $$ LANGUAGE sql`);
      await client.query(`UPDATE "AuditEvent" SET "actorLabel" = 'Olivia Owner', "details" = '{"email":"routine@example.test"}' WHERE "id" = $1`, [
        events[2].id,
      ]);
    });
    try {
      expect(await chainAloneIntact(organization.id)).toBe(true);
      expect(await verifyAuditChain(organization.id)).toMatchObject({ ok: false, brokenEventId: events[2].id, sequence: 3 });
    } finally {
      await asSuperuser(async (client) => {
        await client.query(`DROP FUNCTION audit_event_hash("AuditEvent")`);
        await client.query(`ALTER FUNCTION audit_event_hash_saved("AuditEvent") RENAME TO audit_event_hash`);
      });
    }
  });

  it("a superuser who rewrites an event and re-hashes the rest of the chain is named by the seals", async () => {
    const { organization, events } = await someEvents();
    await asSuperuser((client) => client.query(`UPDATE "AuditEvent" SET "details" = '{"email":"attacker@example.test"}' WHERE "id" = $1`, [events[2].id]));
    await rehashChain(organization.id);

    expect(await chainAloneIntact(organization.id)).toBe(true);
    const rewritten = await db().auditEvent.findUniqueOrThrow({ where: { id: events[4].id } });
    expect(rewritten.hash).not.toBe(events[4].hash);
    expect(await verifyAuditChain(organization.id)).toMatchObject({
      ok: false,
      brokenEventId: events[2].id,
      sequence: 3,
      reason: expect.stringMatching(/Event #3 does not match its seal/),
    });
  });

  it("a superuser who also overwrites the seals with made-up MACs is named all the same", async () => {
    const { organization, events } = await someEvents();
    await asSuperuser(async (client) => {
      await client.query(`UPDATE "AuditEvent" SET "actorLabel" = 'nobody' WHERE "id" = $1`, [events[1].id]);
      await client.query(`UPDATE "AuditSeal" SET "mac" = $2 WHERE "organizationId" = $1 AND "sequence" >= 2`, [organization.id, FORGED_MAC]);
    });
    await rehashChain(organization.id);
    expect(await verifyAuditChain(organization.id)).toMatchObject({ ok: false, brokenEventId: events[1].id, sequence: 2 });
  });

  it("a seal cannot be written for an event that already has one, for an event that does not exist, or changed", async () => {
    const { organization, events } = await someEvents(2);
    const seal = (sequence: number) =>
      db().$executeRaw`INSERT INTO "AuditSeal" ("organizationId", "sequence", "mac") VALUES (${organization.id}, ${sequence}, ${FORGED_MAC})`;
    await expect(seal(1)).rejects.toThrow(/AuditSeal_pkey|unique/i);
    await expect(seal(3)).rejects.toThrow(/foreign key/i);
    await expect(db().$executeRaw`UPDATE "AuditSeal" SET "mac" = ${FORGED_MAC} WHERE "organizationId" = ${organization.id}`).rejects.toThrow(/append-only/);
    await expect(db().$executeRaw`DELETE FROM "AuditSeal" WHERE "organizationId" = ${organization.id}`).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE "AuditSeal"`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE "AuditEvent" CASCADE`)).rejects.toThrow(/append-only/);
    expect((await db().auditSeal.findMany({ where: { organizationId: organization.id }, orderBy: { sequence: "asc" } })).map((s) => s.mac)).toEqual(
      events.map((e) => e.seal!.mac),
    );
  });

  it("an event appended through the database with a forged seal is named", async () => {
    const { organization } = await someEvents(3);
    // A plain INSERT: the chain trigger numbers and hashes it like any other.
    await db()
      .$executeRaw`INSERT INTO "AuditEvent" ("id", "organizationId", "actorLabel", "action") VALUES ('forged-event', ${organization.id}, 'OWNER', 'key.deleted')`;
    await db().$executeRaw`INSERT INTO "AuditSeal" ("organizationId", "sequence", "mac") VALUES (${organization.id}, 4, ${FORGED_MAC})`;
    expect(await chainAloneIntact(organization.id)).toBe(true);
    expect(await verifyAuditChain(organization.id)).toMatchObject({
      ok: false,
      brokenEventId: "forged-event",
      sequence: 4,
      reason: expect.stringMatching(/does not match its seal/),
    });
  });

  it("an event appended through the database without a seal is named", async () => {
    const { organization } = await someEvents(3);
    await db()
      .$executeRaw`INSERT INTO "AuditEvent" ("id", "organizationId", "actorLabel", "action") VALUES ('unsealed-event', ${organization.id}, 'OWNER', 'key.deleted')`;
    expect(await verifyAuditChain(organization.id)).toMatchObject({
      ok: false,
      brokenEventId: "unsealed-event",
      sequence: 4,
      reason: expect.stringMatching(/Event #4 has no seal/),
    });
  });

  it("a superuser who removes a seal leaves its event named as unsealed", async () => {
    const { organization, events } = await someEvents(3);
    await asSuperuser((client) => client.query(`DELETE FROM "AuditSeal" WHERE "organizationId" = $1 AND "sequence" = 2`, [organization.id]));
    expect(await verifyAuditChain(organization.id)).toMatchObject({
      ok: false,
      brokenEventId: events[1].id,
      sequence: 2,
      reason: expect.stringMatching(/has no seal/),
    });
  });

  it("events cut from the end with their seals are caught by a head kept outside the database, even after new events", async () => {
    const { organization, actors, events } = await someEvents(5);
    const verdict = await verifyAuditChain(organization.id);
    if (!verdict.ok || !verdict.head) throw new Error("expected a verified head");
    const kept = { organizationId: organization.id, sequence: verdict.head.sequence, seal: verdict.head.seal.slice(0, 16) };

    await asSuperuser((client) =>
      client.query(
        `WITH cut AS (DELETE FROM "AuditSeal" WHERE "organizationId" = $1 AND "sequence" >= 4) DELETE FROM "AuditEvent" WHERE "organizationId" = $1 AND "sequence" >= 4`,
        [organization.id],
      ),
    );
    for (let i = 0; i < 3; i++) await db().$transaction((tx) => recordAuditEvent(tx, { actor: actors.OWNER, action: "member.added" }));

    expect(await verifyAuditChain(organization.id)).toMatchObject({ ok: true, events: 6 });
    expect(await auditSealAt(organization.id, 5)).not.toBe(events[4].seal!.mac);
    expect(keptHeadHolds(kept, await auditSealAt(organization.id, 5))).toBe(false);
  });

  it("events cut from the end whose seals stay behind are named as missing", async () => {
    const { organization } = await someEvents(4);
    await asSuperuser((client) => client.query(`DELETE FROM "AuditEvent" WHERE "organizationId" = $1 AND "sequence" >= 3`, [organization.id]));
    expect(await verifyAuditChain(organization.id)).toMatchObject({
      ok: false,
      brokenEventId: null,
      sequence: 3,
      reason: expect.stringMatching(/Event #3 is missing: its seal remains/),
    });
  });

  it("verifying under another AUDIT_HMAC_SECRET names the first event", async () => {
    const { organization, events } = await someEvents(2);
    expect(await verifyAuditChain(organization.id, { secret: "not-the-sealing-key" })).toMatchObject({ ok: false, brokenEventId: events[0].id, sequence: 1 });
  });
});
