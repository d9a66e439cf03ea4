import { randomBytes } from "node:crypto";
import pg from "pg";

const PREFIX = "sk_test_";
// Each test run names its databases after itself, so a run that ends drops
// only its own, not those of another run sharing the same server.
const RUN_KEY = "SK_TEST_RUN";

export function startTestRun(): string {
  process.env[RUN_KEY] ??= randomBytes(4).toString("hex");
  return process.env[RUN_KEY];
}

const runPrefix = () => `${PREFIX}${process.env[RUN_KEY] ?? "x"}_`;

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

// A new, empty-of-data database copied from the migrated template.
export async function createDatabase(adminUrl: string, template?: string): Promise<{ name: string; url: string }> {
  const name = `${runPrefix()}${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  return { name, url: databaseUrl(adminUrl, name) };
}

export async function dropDatabases(adminUrl: string, names: string[]): Promise<void> {
  await withAdmin(adminUrl, async (client) => {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

// This run's databases (see RUN_KEY).
export async function listTestDatabases(adminUrl: string): Promise<string[]> {
  return withAdmin(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `${runPrefix().replaceAll("_", "\\_")}%`,
    ]);
    return rows.map((row) => row.datname);
  });
}
