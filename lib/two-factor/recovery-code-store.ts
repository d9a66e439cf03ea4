import type { Prisma } from "@/lib/generated/prisma/client";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";

// Ten new recovery codes for the user, replacing any they had; the codes
// themselves are returned to be shown once, only their hashes kept.
export async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}

// How many second factors the user has (a confirmed authenticator app, each
// passkey), read in the transaction that is about to change them.
export async function countSecondFactors(tx: Prisma.TransactionClient, userId: string): Promise<number> {
  const [app, passkeys] = await Promise.all([
    tx.authenticatorApp.findFirst({ where: { userId, confirmedAt: { not: null } }, select: { userId: true } }),
    tx.passkey.count({ where: { userId } }),
  ]);
  return (app ? 1 : 0) + passkeys;
}
