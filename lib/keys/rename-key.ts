import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { assertNameFree, nameTakenError } from "./name-reservation";
import { lockCaller } from "@/lib/auth/lock-caller";
import { renameKeyInput } from "./key-input";

export const KEY_NOT_FOUND_MESSAGE = "This key does not exist or has been deleted.";

export async function renameKey(options: { actor: Actor; input: unknown }): Promise<void> {
  assertCan(options.actor, "keys.rename");
  const { keyId, name } = renameKeyInput.parse(options.input);
  const organizationId = options.actor.organizationId;
  try {
    await db().$transaction(async (tx) => {
      await lockCaller(tx, options.actor, "keys.rename");
      const key = await tx.secretKey.findFirst({
        where: { id: keyId, organizationId, deletedAt: null },
        select: { id: true, name: true, displayPrefix: true, rotatedAt: true },
      });
      if (!key) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
      // A rotated key gave its name to its successor; renaming it would take the name back.
      if (key.rotatedAt) throw new AppError("CONFLICT", "This key was rotated and is running out. Rename its successor instead.");
      if (key.name === name) return;
      await assertNameFree(tx, { organizationId, name, now: new Date(), exceptKeyId: key.id });
      const { count } = await tx.secretKey.updateMany({
        where: { id: keyId, organizationId, deletedAt: null, rotatedAt: null },
        data: { name, liveName: name.toLowerCase() },
      });
      if (count === 0) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
      await recordAuditEvent(tx, {
        actor: options.actor,
        action: "key.renamed",
        key: { id: key.id, displayPrefix: key.displayPrefix },
        details: { from: key.name, to: name },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTakenError(name);
    throw error;
  }
}
