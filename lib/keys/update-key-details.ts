import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { updateKeyDetailsInput } from "./key-input";
import { lockOwnerAndCaller, ownerLabel, ownerNotAMemberError } from "./key-owner";
import { KEY_NOT_FOUND_MESSAGE } from "./rename-key";

const change = (from: string | null, to: string | null) => (from === to ? [] : [{ from, to }]);

// Changes a live key's owner, team and description (owners and admins).
// The new owner must be a member of the caller's organization; each kind of
// change is audited with what it was and what it became.
export async function updateKeyDetails(options: { actor: Actor; input: unknown }): Promise<{ changed: boolean }> {
  assertCan(options.actor, "keys.edit");
  const input = updateKeyDetailsInput.parse(options.input);
  const { actor } = options;
  const organizationId = actor.organizationId;
  return db().$transaction(async (tx) => {
    const key = await tx.secretKey.findFirst({
      where: { id: input.keyId, organizationId, deletedAt: null },
      select: { id: true, name: true, displayPrefix: true, ownerId: true, team: true, description: true, owner: { select: { name: true, email: true } } },
    });
    if (!key) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
    // The caller and the new owner before the key's row is locked (lockOwnerAndCaller).
    if (!(await lockOwnerAndCaller(tx, actor, "keys.edit", input.ownerId))) throw ownerNotAMemberError();
    const ownerChanged = key.ownerId !== input.ownerId;
    const next = {
      ownerId: input.ownerId,
      team: input.team === undefined ? key.team : input.team,
      description: input.description === undefined ? key.description : input.description,
    };
    const team = change(key.team, next.team);
    const description = change(key.description, next.description);
    if (!ownerChanged && team.length === 0 && description.length === 0) return { changed: false };

    // The where clause holds the tenant and the state read above: a key
    // deleted or changed meanwhile is not overwritten blindly.
    const { count } = await tx.secretKey.updateMany({
      where: { id: key.id, organizationId, deletedAt: null, ownerId: key.ownerId, team: key.team, description: key.description },
      data: next,
    });
    if (count === 0) throw new AppError("CONFLICT", "This key changed or was deleted just now. Reload and try again.");

    if (ownerChanged) {
      const newOwner = await tx.user.findUniqueOrThrow({ where: { id: input.ownerId }, select: { name: true, email: true } });
      await recordAuditEvent(tx, {
        actor,
        action: "key.owner_changed",
        key,
        details: { from: ownerLabel(key.owner), to: ownerLabel(newOwner), fromUserId: key.ownerId, toUserId: input.ownerId },
      });
      if (input.ownerId !== actor.userId) {
        await tx.notification.create({
          data: {
            organizationId,
            userId: input.ownerId,
            title: `You now own the key “${key.name}”`,
            body: `${actor.label} made you its owner.`,
            link: `/settings/secret-keys/${key.id}`,
          },
        });
      }
    }
    if (team.length > 0 || description.length > 0) {
      await recordAuditEvent(tx, {
        actor,
        action: "key.details_changed",
        key,
        details: { ...(team.length > 0 ? { team: team[0] } : {}), ...(description.length > 0 ? { description: description[0] } : {}) },
      });
    }
    return { changed: true };
  });
}
