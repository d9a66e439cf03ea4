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

export async function disconnectAll(): Promise<void> {
  const clients = [...(globalForPrisma.prismaClients?.values() ?? [])];
  globalForPrisma.prismaClients?.clear();
  await Promise.all(clients.map((client) => client.$disconnect()));
}

export type Db = PrismaClient;
export type { Prisma } from "@/lib/generated/prisma/client";
