import { db } from "@/lib/db/client";
import { SIGN_IN_WINDOW_MS, countFailures, decideSignInThrottle } from "./sign-in-throttle";

export type ClaimedAttempt = { allowed: true; attemptId: bigint } | { allowed: false; retryAfterSeconds: number };

// Records the attempt first, then counts the others. The insert commits before
// the count, so of two concurrent attempts the later one always sees the
// earlier (READ COMMITTED): no more of them reach the password check than the
// rules allow, and no lock or connection is held while anyone waits. A
// throttled attempt removes its row; the rows that stay are failures, or
// attempts still being checked, which count as failures meanwhile.
export async function claimSignInAttempt(options: { email: string; ipAddress: string; fromKnownAddress: boolean; now: Date }): Promise<ClaimedAttempt> {
  const { email, ipAddress, fromKnownAddress, now } = options;
  const { id } = await db().signInAttempt.create({ data: { email, ipAddress, fromKnownAddress, createdAt: now }, select: { id: true } });
  const others = await db().signInAttempt.findMany({
    where: { OR: [{ email }, { ipAddress }], createdAt: { gt: new Date(now.getTime() - SIGN_IN_WINDOW_MS) }, id: { not: id } },
    select: { email: true, ipAddress: true, fromKnownAddress: true, createdAt: true },
  });
  const decision = decideSignInThrottle(countFailures(others, { email, ipAddress, fromKnownAddress }), now);
  if (decision.allowed) return { allowed: true, attemptId: id };
  await db().signInAttempt.deleteMany({ where: { id } });
  return decision;
}

// The right password from this address: its failures were the owner's typos.
export async function forgetPairFailures(options: { email: string; ipAddress: string }): Promise<void> {
  await db().signInAttempt.deleteMany({ where: { email: options.email, ipAddress: options.ipAddress } });
}
