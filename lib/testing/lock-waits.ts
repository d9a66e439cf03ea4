import { toActionError } from "@/lib/action-result";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

// Runs `take` in a transaction of another connection and keeps what it
// locked until released.
async function holdLock(take: (tx: Prisma.TransactionClient) => Promise<unknown>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = db().$transaction(
    async (tx) => {
      await take(tx);
      locked();
      await released;
    },
    { timeout: 30_000 },
  );
  await isLocked;
  return { release: async () => (release(), await done) };
}

// The organization's audit chain lock, taken by every audit event: holding
// it from another connection stops a change just before it commits.
export const holdAuditChain = (organizationId: string) =>
  holdLock((tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${organizationId}`}, 0))`);

// Until at least `count` transactions of this database wait for a lock.
export async function waitForLockWaiters(count: number) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [{ waiting }] = await db().$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`expected ${count} transactions waiting for a lock`);
}

// Two operations of one organization in a set order: `first` runs until it
// waits for the audit chain, then `second` until it waits for a lock too;
// then both go on. Each settles to "done" or its error's code, so a
// deadlock shows as INTERNAL.
export async function raceBehindAuditChain(organizationId: string, first: () => Promise<unknown>, second: () => Promise<unknown>) {
  const settle = (operation: () => Promise<unknown>) =>
    operation().then(
      (value) => ({ outcome: "done" as const, value }),
      (error: unknown) => ({ outcome: toActionError(error).code, value: undefined }),
    );
  const chain = await holdAuditChain(organizationId);
  const one = settle(first);
  await waitForLockWaiters(1);
  const two = settle(second);
  await waitForLockWaiters(2);
  await chain.release();
  return { first: await one, second: await two };
}

// Holds one key's row FOR UPDATE from another connection until released.
export const holdKeyRow = (keyId: string) => holdLock((tx) => tx.$executeRaw`SELECT 1 FROM "SecretKey" WHERE "id" = ${keyId} FOR UPDATE`);
