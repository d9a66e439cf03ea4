import { db } from "@/lib/db/client";

// An address stays known this long after the last sign-in from it.
export const KNOWN_ADDRESS_DAYS = 90;
const knownSince = (now: Date) => new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 24 * 60 * 60 * 1000);

export type SignInAccount = {
  // passwordHash is null while the account waits for its first password.
  user: { id: string; email: string; name: string; passwordHash: string | null } | null;
  fromKnownAddress: boolean;
};

// The account behind an email and whether it signed in from this address
// before: one query, whether or not the account exists.
export async function findSignInAccount(options: { email: string; ipAddress: string; now: Date }): Promise<SignInAccount> {
  const user = await db().user.findUnique({
    where: { email: options.email },
    select: {
      id: true,
      email: true,
      name: true,
      passwordHash: true,
      knownSignInAddresses: { where: { ipAddress: options.ipAddress, lastSignedInAt: { gt: knownSince(options.now) } }, select: { userId: true } },
    },
  });
  if (!user) return { user: null, fromKnownAddress: false };
  const { knownSignInAddresses, ...rest } = user;
  return { user: rest, fromKnownAddress: knownSignInAddresses.length > 0 };
}

export async function rememberSignInAddress(options: { userId: string; ipAddress: string; now: Date }): Promise<void> {
  const { userId, ipAddress, now } = options;
  await db().knownSignInAddress.upsert({
    where: { userId_ipAddress: { userId, ipAddress } },
    create: { userId, ipAddress, lastSignedInAt: now },
    update: { lastSignedInAt: now },
  });
}
