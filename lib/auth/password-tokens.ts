import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PasswordTokenPurpose } from "@/lib/generated/prisma/enums";

export const PASSWORD_TOKEN_LIFETIME_MS: Record<PasswordTokenPurpose, number> = {
  SET_PASSWORD: 24 * 60 * 60 * 1000,
  RESET_PASSWORD: 30 * 60 * 1000,
};

// "<id>.<secret>": the id finds the row, the secret is checked against its
// hash in constant time. 96 and 256 random bits, base64url.
const TOKEN_PATTERN = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

// The purpose is part of what is hashed, so a token made for one purpose
// never passes as the other, even if its row were altered.
function secretHash(purpose: PasswordTokenPurpose, secret: string): Buffer {
  return createHash("sha256").update(`${purpose}:${secret}`).digest();
}

// A new link's token for the user, in the caller's transaction; any unused
// token of the same purpose dies with it (a fresh link replaces the old one).
export async function issuePasswordToken(
  tx: Prisma.TransactionClient,
  options: { userId: string; organizationId: string; purpose: PasswordTokenPurpose; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const { userId, organizationId, purpose, now } = options;
  const id = randomBytes(12).toString("base64url");
  const secret = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + PASSWORD_TOKEN_LIFETIME_MS[purpose]);
  await tx.passwordToken.deleteMany({ where: { userId, purpose, usedAt: null } });
  await tx.passwordToken.create({
    data: { id, userId, organizationId, purpose, secretHash: secretHash(purpose, secret).toString("hex"), createdAt: now, expiresAt },
  });
  return { token: `${id}.${secret}`, expiresAt };
}

export type UsablePasswordToken = { id: string; userId: string; organizationId: string; expiresAt: Date; email: string; name: string };

// The token's row when the token is genuine, of this purpose, unused and
// unexpired; null for anything else, whatever the reason.
export async function findUsablePasswordToken(
  token: unknown,
  purpose: PasswordTokenPurpose,
  now = new Date(),
  tx: Prisma.TransactionClient = db(),
): Promise<UsablePasswordToken | null> {
  const match = typeof token === "string" ? TOKEN_PATTERN.exec(token) : null;
  if (!match) return null;
  const row = await tx.passwordToken.findUnique({
    where: { id: match[1] },
    select: {
      id: true,
      userId: true,
      organizationId: true,
      purpose: true,
      secretHash: true,
      expiresAt: true,
      usedAt: true,
      user: { select: { email: true, name: true } },
    },
  });
  if (!row) return null;
  const stored = Buffer.from(row.secretHash, "hex");
  const given = secretHash(purpose, match[2]);
  const genuine = stored.length === given.length && timingSafeEqual(stored, given);
  if (!genuine || row.purpose !== purpose || row.usedAt || row.expiresAt <= now) return null;
  return { id: row.id, userId: row.userId, organizationId: row.organizationId, expiresAt: row.expiresAt, email: row.user.email, name: row.user.name };
}

// Marks the token used, in the caller's transaction: true for exactly one of
// any number of concurrent uses (the row lock makes the others wait, then
// find it used).
export async function claimPasswordToken(tx: Prisma.TransactionClient, id: string, now: Date): Promise<boolean> {
  const { count } = await tx.passwordToken.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return count === 1;
}
