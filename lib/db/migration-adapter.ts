// Driver adapter for the Prisma CLI (prisma.config.ts) only. It works around
// bugs of @prisma/adapter-pg 6.19 that migration commands hit; application
// queries use the plain adapter (lib/db/client.ts).
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type { PoolConfig } from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

const PG_NAME_OID = 19;
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type PgField = { dataTypeID: number };
type PgResult = { fields?: PgField[] };
// A script of several statements (simple protocol) yields one result each.
type WithPerformIO = { performIO(query: unknown): Promise<PgResult | PgResult[]> };

// Catalog columns of type `name` and `"char"` are not mapped by the adapter
// ("Column type 'name' could not be deserialized", prisma/orm#27403). Their
// text form is exactly what a text column gives, so report them as text.
export function retypeCatalogFields(fields: PgField[]): void {
  for (const field of fields) {
    if (field.dataTypeID === PG_NAME_OID || field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
    }
  }
}

// A connection string wins over `database` in pg, so the adapter's shadow
// database ({ ...config, database }) would be the real one: use fields.
export function poolConfigFromUrl(url: string): PoolConfig {
  const { ssl, ...fields } = parseIntoClientConfig(url);
  return { ...fields, ...(ssl === undefined ? {} : { ssl: ssl as PoolConfig["ssl"] }) };
}

function patchQueryable<T extends object>(queryable: T): T {
  const target = queryable as unknown as WithPerformIO;
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const part of Array.isArray(result) ? result : [result]) retypeCatalogFields(part.fields ?? []);
    return result;
  };
  return queryable;
}

function patchAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  patchQueryable(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (level) => patchQueryable<Transaction>(await startTransaction(level));
  // The adapter splits scripts on ";", which breaks function bodies ($$ ... $$).
  // One simple-protocol query runs them whole, in one implicit transaction.
  const pool = (adapter as unknown as { underlyingDriver(): { query(sql: string): Promise<unknown> } }).underlyingDriver();
  adapter.executeScript = async (script) => {
    await pool.query(script);
  };
  return adapter;
}

export function migrationAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const config = poolConfigFromUrl(url);
  const main = new PrismaPg(config);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => patchAdapter(await main.connect()),
    async connectToShadowDb() {
      const admin = await main.connect();
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await admin.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = patchAdapter(await new PrismaPg({ ...config, database }).connect());
      const disposeShadow = shadow.dispose.bind(shadow);
      // End the shadow pool before dropping its database, or the drop fails
      // with "database is being accessed by other users".
      shadow.dispose = async () => {
        await disposeShadow();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}
