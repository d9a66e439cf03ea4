// `npm run audit:verify [-- <kept head>…]`: walks every organization's audit
// chain and seals and names the first broken event. Prints each
// organization's head (`<organization id>:<last sequence>:<start of its
// seal>`) for the operator to keep outside the database; heads kept earlier,
// passed as arguments, must still be in the log with the same seal, or the
// log's end was cut or rewritten. Exits 1 when anything is broken.
import { formatAuditHead, keptHeadHolds, parseAuditHead, type AuditHead } from "@/lib/audit/audit-head";
import { auditSealAt, verifyAuditChain, listOrganizationIds } from "@/lib/audit/verify-audit-chain";
import { dataDir } from "@/lib/config/paths";
import { findAuditHmacSecret } from "@/lib/config/server-secrets";
import { disconnectAll } from "@/lib/db/client";
import { lockDataDir } from "@/lib/runtime/data-dir-lock";
import { applyMigrations } from "@/lib/runtime/migrate";
import { startEmbeddedPostgres, type RunningDatabase } from "@/lib/runtime/embedded-postgres";

function keptHeads(args: string[]): AuditHead[] {
  return args.map((arg) => {
    const head = parseAuditHead(arg);
    if (!head) throw new Error(`"${arg}" is not a head as audit:verify prints it (<organization id>:<sequence>:<seal>).`);
    return head;
  });
}

async function main(): Promise<number> {
  const kept = keptHeads(process.argv.slice(2));
  // Never a new secret: it would call every existing seal forged.
  const secret = findAuditHmacSecret(dataDir());
  if (!secret) throw new Error(`AUDIT_HMAC_SECRET is not set and ${dataDir()} holds none: set it to the panel's.`);
  let embedded: RunningDatabase | undefined;
  let lock: { release(): void } | undefined;
  if (!process.env.DATABASE_URL) {
    // The embedded database belongs to one process at a time.
    lock = lockDataDir(dataDir());
    embedded = await startEmbeddedPostgres({ dataDir: dataDir(), log: () => {} });
    process.env.DATABASE_URL = embedded.url;
    await applyMigrations(embedded.url);
  }
  try {
    let broken = 0;
    const organizations = await listOrganizationIds();
    for (const organization of organizations) {
      const verdict = await verifyAuditChain(organization.id, { secret });
      if (!verdict.ok) {
        broken++;
        console.log(
          `BROKEN  ${organization.name} (${organization.id}): ${verdict.reason}${verdict.brokenEventId ? ` First broken event: ${verdict.brokenEventId}.` : ""}`,
        );
        continue;
      }
      const head = verdict.head ? `head ${formatAuditHead({ organizationId: organization.id, ...verdict.head })}` : "no events yet";
      console.log(`ok      ${organization.name} (${organization.id}): ${verdict.events} events intact and sealed; ${head}`);
      for (const head of kept.filter((k) => k.organizationId === organization.id)) {
        if (keptHeadHolds(head, await auditSealAt(organization.id, head.sequence))) continue;
        broken++;
        console.log(
          `BROKEN  ${organization.name} (${organization.id}): the kept head ${formatAuditHead(head)} is no longer in the log: its end was cut or rewritten.`,
        );
      }
    }
    for (const head of kept.filter((k) => !organizations.some((o) => o.id === k.organizationId))) {
      broken++;
      console.log(`BROKEN  the kept head ${formatAuditHead(head)} names an organization that is no longer in the database.`);
    }
    return broken === 0 ? 0 : 1;
  } finally {
    await disconnectAll();
    await embedded?.stop();
    lock?.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
