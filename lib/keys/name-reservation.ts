import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export function nameTakenError(name: string, byRequest = false): AppError {
  const reason = byRequest ? "A production key request awaiting approval or reveal holds this name." : "A live key already has this name.";
  return new AppError("CONFLICT", `A key named "${name}" already exists${byRequest ? " as a request" : ""}. Choose another name.`, { name: [reason] });
}

// A name belongs to one live key or one open request at a time. The advisory
// lock serializes everyone claiming the same name in the organization, since
// the two tables' unique indexes cannot see each other.
export async function assertNameFree(
  tx: Prisma.TransactionClient,
  options: { organizationId: string; name: string; now: Date; exceptKeyId?: string },
): Promise<void> {
  const liveName = options.name.toLowerCase();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`key-name:${options.organizationId}:${liveName}`}, 0))`;
  const key = await tx.secretKey.findFirst({
    where: { organizationId: options.organizationId, liveName, ...(options.exceptKeyId ? { id: { not: options.exceptKeyId } } : {}) },
    select: { id: true },
  });
  if (key) throw nameTakenError(options.name);
  // Requests past their deadline let go of the name they held.
  await tx.keyRequest.updateMany({ where: { organizationId: options.organizationId, liveName, expiresAt: { lte: options.now } }, data: { liveName: null } });
  const request = await tx.keyRequest.findFirst({ where: { organizationId: options.organizationId, liveName }, select: { id: true } });
  if (request) throw nameTakenError(options.name, true);
}
