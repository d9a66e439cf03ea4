// Which connection string each kind of work uses.
//
// DATABASE_URL may point at a connection pooler in transaction mode
// (PgBouncer): each transaction, or each statement outside one, may run on a
// different server connection. Anything that lives longer than one
// transaction cannot go through it: LISTEN (the key revocation listener),
// session advisory locks (`prisma migrate deploy` takes one) and named
// prepared statements. DIRECT_DATABASE_URL reaches PostgreSQL itself for
// those; unset, it is DATABASE_URL (no pooler).
export type DatabaseUrls = {
  // Queries and transactions: Prisma, the verifier's lookups, usage writes.
  pooled: string;
  // Session-scoped work: LISTEN/NOTIFY, migrations.
  direct: string;
  // True when the two differ: session state must not be relied on through `pooled`.
  throughPooler: boolean;
};

export function databaseUrls(env: Record<string, string | undefined> = process.env): DatabaseUrls {
  const pooled = env.DATABASE_URL;
  if (!pooled) throw new Error("DATABASE_URL is not set");
  const direct = env.DIRECT_DATABASE_URL || pooled;
  for (const [name, value] of [
    ["DATABASE_URL", pooled],
    ["DIRECT_DATABASE_URL", direct],
  ] as const) {
    // The message names the variable, never its value: it holds a password.
    if (!/^postgres(ql)?:\/\//.test(value)) throw new Error(`${name} must be a postgresql:// connection string.`);
  }
  return { pooled, direct, throughPooler: direct !== pooled };
}
