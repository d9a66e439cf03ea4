import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { auditHmacSecret } from "./audit-hmac-secret";
import { auditEventHash } from "./audit-event-hash";
import { auditSealMatches, SEALED_COLUMNS } from "./audit-seal";

export type ChainVerdict =
  | { ok: true; events: number; head: { sequence: number; seal: string } | null }
  | { ok: false; events: number; brokenEventId: string | null; sequence: number; reason: string };

const PAGE = 5_000;

// Walks an organization's audit chain in order and names the first event
// whose content no longer matches its hash, whose link to the previous event
// is wrong, that is missing from the sequence, or whose seal (an HMAC under
// AUDIT_HMAC_SECRET) is missing or wrong. The seals catch what the chain
// cannot: a row rewritten and every later hash recomputed in the database.
// On success, the head (last sequence and its seal) is what an operator keeps
// outside the database to notice a cut tail later.
export async function verifyAuditChain(organizationId: string, options: { secret?: string } = {}): Promise<ChainVerdict> {
  const secret = options.secret ?? auditHmacSecret();
  let previousHash: string | null = null;
  let expectedSequence = 1;
  let events = 0;
  let head: { sequence: number; seal: string } | null = null;
  for (;;) {
    // Read as the app reads events; the hash and the seal are both computed
    // here, never by database code (which someone with rights can replace).
    const rows = await db().auditEvent.findMany({
      where: { organizationId, sequence: { gte: expectedSequence } },
      orderBy: { sequence: "asc" },
      take: PAGE,
      select: { ...SEALED_COLUMNS, seal: { select: { mac: true } } },
    });
    for (const row of rows) {
      const broken = (reason: string): ChainVerdict => ({ ok: false, events, brokenEventId: row.id, sequence: row.sequence, reason });
      if (row.sequence !== expectedSequence) {
        return {
          ok: false,
          events,
          brokenEventId: null,
          sequence: expectedSequence,
          reason: `Event #${expectedSequence} is missing: the chain jumps to #${row.sequence}.`,
        };
      }
      if (row.previousHash !== previousHash) return broken(`Event #${row.sequence} does not link to the event before it.`);
      if (row.hash !== auditEventHash(row)) return broken(`Event #${row.sequence} was changed after it was written: its content no longer matches its hash.`);
      if (!row.seal) {
        return broken(
          `Event #${row.sequence} has no seal: it was written outside the app or its seal was removed (events from before audit seals are sealed when the panel starts).`,
        );
      }
      if (!auditSealMatches(secret, row, row.seal.mac)) {
        return broken(
          `Event #${row.sequence} does not match its seal: it, or the chain before it, was rewritten in the database (or AUDIT_HMAC_SECRET is not the key that sealed it).`,
        );
      }
      previousHash = row.hash;
      head = { sequence: row.sequence, seal: row.seal.mac };
      expectedSequence++;
      events++;
    }
    if (rows.length < PAGE) break;
  }
  // A seal past the last event means events were cut from the end.
  const [orphan] = await db().$queryRaw<{ sequence: number }[]>`
    SELECT min("sequence") AS "sequence" FROM "AuditSeal"
    WHERE "organizationId" = ${organizationId} AND "sequence" >= ${expectedSequence}
    HAVING count(*) > 0`;
  if (orphan) {
    return {
      ok: false,
      events,
      brokenEventId: null,
      sequence: orphan.sequence,
      reason: `Event #${orphan.sequence} is missing: its seal remains, so events were cut from the end of the log.`,
    };
  }
  return { ok: true, events, head };
}

// The stored seal of one event, to compare with a head kept outside the
// database (meaningful once the chain has verified).
export async function auditSealAt(organizationId: string, sequence: number): Promise<string | null> {
  const seal = await db().auditSeal.findUnique({ where: { organizationId_sequence: { organizationId, sequence } }, select: { mac: true } });
  return seal?.mac ?? null;
}

export async function listOrganizationIds(): Promise<{ id: string; name: string }[]> {
  return db().organization.findMany({ select: { id: true, name: true }, orderBy: { createdAt: "asc" } });
}

// The caller's own organization's chain, for roles that may read the log.
export async function verifyOwnAuditChain(actor: Actor): Promise<ChainVerdict> {
  assertCan(actor, "audit.view");
  return verifyAuditChain(actor.organizationId);
}
