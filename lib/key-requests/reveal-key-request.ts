import { assertCan, type Actor } from "@/lib/auth/actor";
import { NO_LONGER_A_MEMBER } from "@/lib/auth/lock-caller";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import type { CreateKeyInput } from "@/lib/keys/key-input";
import { createKeyInTransaction } from "@/lib/keys/create-key";
import { ROTATION_GRACE_PERIODS, type RotationGrace } from "@/lib/keys/key-rotation";
import type { KeySummary } from "@/lib/keys/key-summary";
import { rotateKeyInTransaction } from "@/lib/keys/rotate-key";
import { requestOnlyInput } from "./key-request-input";
import { assertState, lockRequest } from "./open-request";

// The requester, and only they, turns an approved request into a key: the
// secret is generated now, returned this once, and never stored. The row
// lock makes a second reveal wait and then find the request issued.
export async function revealKeyRequest(options: {
  actor: Actor;
  input: unknown;
  now?: Date;
}): Promise<{ key: KeySummary; secret: string; oldKeyExpiresAt?: Date }> {
  const { requestId } = requestOnlyInput.parse(options.input);
  const { actor } = options;
  const now = options.now ?? new Date();
  return db().$transaction(async (tx) => {
    // Memberships before the request, in the order a member's removal locks
    // them (it withdraws their requests): the two can never wait on each
    // other. A role change in progress is waited for, and read as it ends.
    const members = await tx.$queryRaw<{ userId: string; role: Role }[]>`
      SELECT "userId", "role" FROM "Membership" WHERE "organizationId" = ${actor.organizationId} ORDER BY "id" FOR SHARE`;
    const own = members.find((member) => member.userId === actor.userId);
    if (!own) throw new AppError("FORBIDDEN", NO_LONGER_A_MEMBER);
    const request = await lockRequest(tx, actor, requestId);
    if (request.requestedById !== actor.userId) throw new AppError("FORBIDDEN", "Only the person who requested this key can reveal it.");
    // The requester must still hold the right they asked under, in the role they have now.
    assertCan({ ...actor, role: own.role }, request.kind === "CREATE" ? "keys.create" : "keys.rotate");
    assertState(request, now, "approved");
    const approver = request.decidedById ? await tx.user.findUnique({ where: { id: request.decidedById }, select: { name: true, email: true } }) : null;
    const approvedBy = { requestId: request.id, approverLabel: approver ? `${approver.name} <${approver.email}>` : "a former member" };

    let issued: { key: KeySummary; secret: string; oldKeyExpiresAt?: Date };
    if (request.kind === "CREATE") {
      // The request lets go of the name it held for the key that takes it.
      await tx.keyRequest.update({ where: { id: request.id }, data: { liveName: null } });
      const input: CreateKeyInput = {
        name: request.name,
        environment: request.environment,
        scopes: request.scopes,
        permission: request.permission,
        restrictedActions: (request.restrictedActions ?? undefined) as CreateKeyInput["restrictedActions"],
        expiresInDays: request.expiresInDays as CreateKeyInput["expiresInDays"],
        rateLimitPerMinute: request.rateLimitPerMinute,
        ownerId: request.ownerId ?? undefined,
        team: request.team ?? undefined,
        description: request.description ?? undefined,
      };
      issued = await createKeyInTransaction(tx, { actor, input, now, inheritsScopes: true, approvedBy });
    } else {
      const grace = (ROTATION_GRACE_PERIODS as readonly string[]).includes(request.grace ?? "") ? (request.grace as RotationGrace) : "24h";
      issued = await rotateKeyInTransaction(tx, { actor, keyId: request.keyId!, grace, now, approvedBy });
    }
    await tx.keyRequest.update({ where: { id: request.id }, data: { status: "ISSUED", issuedKeyId: issued.key.id, issuedAt: now } });
    return issued;
  });
}
