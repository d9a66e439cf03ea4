// `npm run audit:verify`: walks every organization's audit chain and names
// the first broken event. Exits 1 when any chain is broken.
import { verifyAuditChain, listOrganizationIds } from "@/lib/audit/verify-audit-chain";
import { dataDir } from "@/lib/config/paths";
import { disconnectAll } from "@/lib/db/client";
import { lockDataDir } from "@/lib/runtime/data-dir-lock";
import { applyMigrations } from "@/lib/runtime/migrate";
import { startEmbeddedPostgres, type RunningDatabase } from "@/lib/runtime/embedded-postgres";

async function main(): Promise<number> {
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
    for (const organization of await listOrganizationIds()) {
      const verdict = await verifyAuditChain(organization.id);
      if (verdict.ok) {
        console.log(`ok      ${organization.name} (${organization.id}): ${verdict.events} events intact`);
      } else {
        broken++;
        console.log(`BROKEN  ${organization.name} (${organization.id}): ${verdict.reason}${verdict.brokenEventId ? ` First broken event: ${verdict.brokenEventId}.` : ""}`);
      }
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
