import { db } from "@/lib/db/client";
import { auditHmacSecret } from "./audit-hmac-secret";
import { auditSealMac, SEALED_COLUMNS } from "./audit-seal";

// Any fixed number: the advisory lock that lets one app instance at a time
// seal old events.
const SEAL_LOCK = 7_240_312;
const BATCH = 5_000;
const NO_SEAL_YET = 2_147_483_647;

// Seals the events written before audit seals existed (the migration has no
// key to do it). Trust on first use: whatever those events say when this
// first runs is what gets sealed. Only events older than an organization's
// first seal qualify, so an event that loses its seal later is never sealed
// again here: it stays reported. Each organization is sealed in one
// transaction, so a crash leaves it either done or untouched.
export async function sealUnsealedEvents(options: { secret?: string } = {}): Promise<{ organizationId: string; sealed: number }[]> {
  const secret = options.secret ?? auditHmacSecret();
  const done: { organizationId: string; sealed: number }[] = [];
  for (;;) {
    const result = await db().$transaction(
      async (tx) => {
        const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SEAL_LOCK}) AS locked`;
        if (!locked) return null;
        const [next] = await tx.$queryRaw<{ organizationId: string; firstSeal: number }[]>`
          SELECT o."id" AS "organizationId", f."firstSeal" FROM "Organization" o
          CROSS JOIN LATERAL (
            SELECT COALESCE(min(s."sequence"), ${NO_SEAL_YET}) AS "firstSeal" FROM "AuditSeal" s WHERE s."organizationId" = o."id"
          ) f
          WHERE EXISTS (
            SELECT 1 FROM "AuditEvent" e
            WHERE e."organizationId" = o."id" AND e."sequence" < f."firstSeal"
              AND NOT EXISTS (SELECT 1 FROM "AuditSeal" s WHERE s."organizationId" = e."organizationId" AND s."sequence" = e."sequence")
          )
          LIMIT 1`;
        if (!next) return null;
        let sealed = 0;
        let after = 0;
        for (;;) {
          const rows = await tx.auditEvent.findMany({
            where: { organizationId: next.organizationId, sequence: { gt: after, lt: next.firstSeal }, seal: { is: null } },
            orderBy: { sequence: "asc" },
            take: BATCH,
            select: SEALED_COLUMNS,
          });
          if (rows.length === 0) break;
          const data = rows.map((row) => ({
            organizationId: next.organizationId,
            sequence: row.sequence,
            mac: auditSealMac(secret, row),
          }));
          sealed += (await tx.auditSeal.createMany({ data, skipDuplicates: true })).count;
          after = rows[rows.length - 1].sequence;
        }
        return { organizationId: next.organizationId, sealed };
      },
      { timeout: 600_000 },
    );
    if (!result || result.sealed === 0) return done;
    done.push(result);
  }
}
