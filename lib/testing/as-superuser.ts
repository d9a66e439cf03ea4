import pg from "pg";

// Runs statements the way an attacker with database superuser rights would:
// in one transaction with triggers (append-only, foreign keys) switched off.
export async function asSuperuser(run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await run(client);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}
