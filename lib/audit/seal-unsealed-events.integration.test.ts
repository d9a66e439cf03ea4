import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { asSuperuser } from "@/lib/testing/as-superuser";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { recordAuditEvent } from "./record-event";
import { sealUnsealedEvents } from "./seal-unsealed-events";
import { verifyAuditChain } from "./verify-audit-chain";

// The backfill looks at every organization: a database of its own keeps
// other test files' organizations out of its counts.
beforeAll(async () => {
  await useFreshDatabase();
});

async function organizationWithEvents(count: number) {
  const { organization, actors } = await createOrganizationWithAllRoles();
  for (let i = 0; i < count; i++) await db().$transaction((tx) => recordAuditEvent(tx, { actor: actors.OWNER, action: "member.added", details: { i } }));
  const events = await db().auditEvent.findMany({ where: { organizationId: organization.id }, orderBy: { sequence: "asc" } });
  return { organization, actors, events };
}

// Events as an older version left them: chained, with no seal.
async function unseal(organizationId: string, fromSequence = 1, toSequence = 2_147_483_647) {
  await asSuperuser((client) =>
    client.query(`DELETE FROM "AuditSeal" WHERE "organizationId" = $1 AND "sequence" BETWEEN $2 AND $3`, [organizationId, fromSequence, toSequence]),
  );
}

describe("sealing events written before audit seals existed", () => {
  it("seals an organization's old events once, trusting them as found", async () => {
    const { organization, events } = await organizationWithEvents(4);
    await unseal(organization.id);
    expect(await verifyAuditChain(organization.id)).toMatchObject({
      ok: false,
      brokenEventId: events[0].id,
      reason: expect.stringMatching(/Event #1 has no seal/),
    });

    expect(await sealUnsealedEvents()).toEqual([{ organizationId: organization.id, sealed: 4 }]);
    expect(await verifyAuditChain(organization.id)).toMatchObject({ ok: true, events: 4, head: { sequence: 4 } });
    expect(await sealUnsealedEvents()).toEqual([]);
  });

  it("seals old events before the first live seal, and the live events go on verifying", async () => {
    const { organization, actors } = await organizationWithEvents(3);
    await unseal(organization.id);
    await db().$transaction((tx) => recordAuditEvent(tx, { actor: actors.OWNER, action: "member.added", details: { live: true } }));
    expect(await sealUnsealedEvents()).toEqual([{ organizationId: organization.id, sealed: 3 }]);
    expect(await verifyAuditChain(organization.id)).toMatchObject({ ok: true, events: 4 });
  });

  it("a superuser who removes a seal and waits for a restart does not get the event sealed again", async () => {
    const { organization, events } = await organizationWithEvents(3);
    await unseal(organization.id, 2, 2);
    expect(await sealUnsealedEvents()).toEqual([]);
    expect(await verifyAuditChain(organization.id)).toMatchObject({
      ok: false,
      brokenEventId: events[1].id,
      sequence: 2,
      reason: expect.stringMatching(/has no seal/),
    });
  });

  it("two instances starting together seal each old event once", async () => {
    const organizations = [];
    for (let i = 0; i < 3; i++) organizations.push((await organizationWithEvents(20)).organization);
    for (const organization of organizations) await unseal(organization.id);

    const results = (await Promise.all([sealUnsealedEvents(), sealUnsealedEvents()])).flat();
    for (const organization of organizations) {
      const reported = results.filter((r) => r.organizationId === organization.id);
      expect(reported).toHaveLength(1);
      expect(reported[0].sealed).toBe(20);
      expect(await db().auditSeal.count({ where: { organizationId: organization.id } })).toBe(20);
      expect(await verifyAuditChain(organization.id)).toMatchObject({ ok: true, events: 20 });
    }
    expect(await sealUnsealedEvents()).toEqual([]);
  });
});
