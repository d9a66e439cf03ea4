import pg from "pg";
import { runBin } from "./run-command";

// Any fixed number: the lock instances starting together queue on, so one
// applies the migrations while the others wait for it. (`prisma migrate
// deploy` takes its own advisory lock but gives up after 10 s, shorter than
// a first install's migrations take on a busy machine.)
export const MIGRATION_LOCK = 7_240_313;

// Applies pending migrations, one instance at a time. The lock is a session
// lock, so databaseUrl must reach PostgreSQL itself (DIRECT_DATABASE_URL),
// never a pooler in transaction mode; it goes when the connection does, so
// an instance dying mid-way does not block the others.
export async function applyMigrations(databaseUrl: string, options: { log?: (line: string) => void } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [MIGRATION_LOCK]);
    if (!rows[0].locked) {
      options.log?.("Another instance is applying the migrations; waiting for it…");
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    }
    await runBin("prisma", ["migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
  } finally {
    await client.end().catch(() => {});
  }
}
