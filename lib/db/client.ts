import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const globalForPrisma = globalThis as unknown as {
  prismaClients?: Map<string, PrismaClient>;
};

// One client per database URL, created on first use, so a process (or a test
// file) can point DATABASE_URL at its database before touching the data layer.
function clientFor(url: string): PrismaClient {
  globalForPrisma.prismaClients ??= new Map();
  let client = globalForPrisma.prismaClients.get(url);
  if (!client) {
    client = new PrismaClient({
      adapter: new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }),
      // Under a burst, a change waits for a free connection (or the audit
      // chain's per-organization lock) rather than failing after Prisma's 2 s.
      transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    });
    globalForPrisma.prismaClients.set(url, client);
  }
  return client;
}

export function db(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  return clientFor(url);
}

// A small pool of its own for the keys list (lib/keys/list-keys.ts): a list
// query that runs long (a filter no index serves, a huge organization) is
// cancelled after 3 s and can hold at most these connections, so it never
// starves key changes or the rest of the panel. DateStyle is pinned because
// list cursors carry timestamps in PostgreSQL's ISO text form.
export function listDb(): PrismaClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  globalForPrisma.prismaClients ??= new Map();
  let client = globalForPrisma.prismaClients.get(`list:${url}`);
  if (!client) {
    client = new PrismaClient({
      adapter: new PrismaPg({ connectionString: url, max: LIST_POOL_SIZE, options: `-c statement_timeout=${LIST_STATEMENT_TIMEOUT_MS} -c DateStyle=ISO,YMD` }),
    });
    globalForPrisma.prismaClients.set(`list:${url}`, client);
  }
  return client;
}
export const LIST_POOL_SIZE = 3;
export const LIST_STATEMENT_TIMEOUT_MS = 3_000;

export async function disconnectAll(): Promise<void> {
  const clients = [...(globalForPrisma.prismaClients?.values() ?? [])];
  globalForPrisma.prismaClients?.clear();
  await Promise.all(clients.map((client) => client.$disconnect()));
}

export type Db = PrismaClient;
export type { Prisma } from "@/lib/generated/prisma/client";
