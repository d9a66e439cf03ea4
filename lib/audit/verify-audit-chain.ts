import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

export type ChainVerdict =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenEventId: string | null; sequence: number; reason: string };

type ChainRow = { id: string; sequence: number; previousHash: string | null; hash: string; expected: string };

const PAGE = 5_000;

// Walks an organization's audit chain in order and names the first event
// whose content no longer matches its hash, whose link to the previous event
// is wrong, or that is missing from the sequence.
export async function verifyAuditChain(organizationId: string): Promise<ChainVerdict> {
  let previousHash: string | null = null;
  let expectedSequence = 1;
  let events = 0;
  for (;;) {
    const rows = await db().$queryRaw<ChainRow[]>`
      SELECT e."id", e."sequence", e."previousHash", e."hash", audit_event_hash(e) AS "expected"
      FROM "AuditEvent" e
      WHERE e."organizationId" = ${organizationId} AND e."sequence" >= ${expectedSequence}
      ORDER BY e."sequence" ASC
      LIMIT ${PAGE}`;
    for (const row of rows) {
      const broken = (reason: string): ChainVerdict => ({ ok: false, events, brokenEventId: row.id, sequence: row.sequence, reason });
      if (row.sequence !== expectedSequence) {
        return { ok: false, events, brokenEventId: null, sequence: expectedSequence, reason: `Event #${expectedSequence} is missing: the chain jumps to #${row.sequence}.` };
      }
      if (row.previousHash !== previousHash) return broken(`Event #${row.sequence} does not link to the event before it.`);
      if (row.hash !== row.expected) return broken(`Event #${row.sequence} was changed after it was written: its content no longer matches its hash.`);
      previousHash = row.hash;
      expectedSequence++;
      events++;
    }
    if (rows.length < PAGE) return { ok: true, events };
  }
}

export async function listOrganizationIds(): Promise<{ id: string; name: string }[]> {
  return db().organization.findMany({ select: { id: true, name: true }, orderBy: { createdAt: "asc" } });
}

// The caller's own organization's chain, for roles that may read the log.
export async function verifyOwnAuditChain(actor: Actor): Promise<ChainVerdict> {
  assertCan(actor, "audit.view");
  return verifyAuditChain(actor.organizationId);
}
