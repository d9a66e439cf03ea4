import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError, RateLimitedError } from "@/lib/errors";
import { addressGroup } from "@/lib/net/address-group";

export type ChallengePurpose = "register" | "authenticate";

const LIFETIME_MS = 5 * 60 * 1000;
// Unanswered challenges an address may hold at once: enough for an office
// behind one address signing in together, not enough to fill the table.
export const LIVE_PER_ADDRESS = 200;
export const EXPIRED_CHALLENGE_MESSAGE = "This passkey request has expired. Try again.";

// Keeps a challenge (made by the WebAuthn library, base64url) for a few
// minutes. Expired ones are cleared on the way, and an address with many
// live ones waits.
export async function keepChallenge(options: { challenge: string; purpose: ChallengePurpose; userId?: string; ipAddress: string; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  await db().$executeRaw`DELETE FROM "WebAuthnChallenge" WHERE "id" IN (SELECT "id" FROM "WebAuthnChallenge" WHERE "expiresAt" < ${now} LIMIT 500)`;
  // An IPv6 /64 is one client, as for the sign-in throttle.
  const ipAddress = addressGroup(options.ipAddress);
  const live = await db().webAuthnChallenge.count({ where: { ipAddress, expiresAt: { gte: now }, usedAt: null } });
  if (live >= LIVE_PER_ADDRESS) throw new RateLimitedError("Too many passkey requests at once. Try again in a few minutes.", LIFETIME_MS / 1000);
  await db().webAuthnChallenge.create({
    data: {
      id: randomBytes(18).toString("base64url"),
      challenge: options.challenge,
      purpose: options.purpose,
      userId: options.userId ?? null,
      ipAddress,
      expiresAt: new Date(now.getTime() + LIFETIME_MS),
    },
  });
}

// The challenge a browser's answer signed, read from its clientDataJSON
// (the WebAuthn library checks it again against what we return).
export function answeredChallenge(clientDataJSON: string): string {
  try {
    const challenge = (JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as { challenge?: unknown }).challenge;
    if (typeof challenge === "string" && challenge.length > 0 && challenge.length <= 512) return challenge;
  } catch {
    // Unreadable: refused below.
  }
  throw new AppError("INVALID_INPUT", EXPIRED_CHALLENGE_MESSAGE);
}

// Uses up the challenge an answer signed (once, in one statement: of two
// answers racing, one gets it) and says whom it was made for. userId: it
// must have been made for that user.
export async function consumeChallenge(options: {
  challenge: string;
  purpose: ChallengePurpose;
  userId?: string;
  now?: Date;
}): Promise<{ userId: string | null }> {
  const now = options.now ?? new Date();
  const rows = await db().$queryRaw<{ userId: string | null }[]>`
    UPDATE "WebAuthnChallenge" SET "usedAt" = ${now}
    WHERE "challenge" = ${options.challenge} AND "purpose" = ${options.purpose} AND "usedAt" IS NULL AND "expiresAt" >= ${now}
      AND (${options.userId ?? null}::text IS NULL OR "userId" = ${options.userId ?? null})
    RETURNING "userId"`;
  if (rows.length !== 1) throw new AppError("INVALID_INPUT", EXPIRED_CHALLENGE_MESSAGE);
  return rows[0];
}
