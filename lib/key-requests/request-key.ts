import { assertCan, type Actor } from "@/lib/auth/actor";
import { lockCaller } from "@/lib/auth/lock-caller";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { resolveRestrictedActions, resolveScopes } from "@/lib/keys/create-key";
import { lifetimeChoice } from "@/lib/keys/key-rotation";
import { KEY_NOT_FOUND_MESSAGE } from "@/lib/keys/rename-key";
import { assertNameFree } from "@/lib/keys/name-reservation";
import { lockOwnerAndCaller, ownerNotAMemberError } from "@/lib/keys/key-owner";
import { announce, requestForEvent } from "./announce";
import { possibleApprovers } from "./approvers";
import { requestKeyInput, requestRotationInput } from "./key-request-input";
import { REQUEST_WINDOW_MS } from "./request-state";

type Tx = Prisma.TransactionClient;

async function assertApprovalsOn(tx: Tx, organizationId: string) {
  const organization = await tx.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { requireProductionApproval: true, granularScopes: true },
  });
  if (!organization.requireProductionApproval)
    throw new AppError("CONFLICT", "Your organization does not require approval: create or rotate the key directly.");
  return organization;
}

async function approversFor(tx: Tx, actor: Actor) {
  const approvers = await possibleApprovers(tx, actor.organizationId, actor.userId);
  if (approvers.length === 0) {
    throw new AppError("CONFLICT", "No one but you can approve this request. Ask an owner to name another approver on the Responsibilities page.");
  }
  return approvers;
}

// Open requests one person may have at a time: approvers are not flooded,
// and no one holds a crowd of names.
export const MAX_OPEN_REQUESTS = 10;

async function recordRequest(tx: Tx, actor: Actor, request: Prisma.KeyRequestUncheckedCreateInput, key?: { id: string; displayPrefix: string }) {
  const approvers = await approversFor(tx, actor);
  // Serializes one requester's requests, so the count below cannot be raced.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`key-requests:${actor.organizationId}:${actor.userId}`}, 0))`;
  const now = request.requestedAt as Date;
  const open = await tx.keyRequest.count({
    where: { organizationId: actor.organizationId, requestedById: actor.userId, status: { in: ["PENDING", "APPROVED"] }, expiresAt: { gt: now } },
  });
  if (open >= MAX_OPEN_REQUESTS) {
    throw new AppError("CONFLICT", `You have ${open} open requests. Withdraw one, or wait for decisions, before asking for more.`);
  }
  const row = await tx.keyRequest.create({ data: request });
  const what = row.kind === "CREATE" ? `a production key “${row.name}”` : `a new secret for the production key “${row.name}”`;
  await recordAuditEvent(tx, {
    actor,
    action: "key.requested",
    key,
    details: {
      requestId: row.id,
      kind: row.kind,
      name: row.name,
      environment: row.environment,
      permission: row.permission,
      scopes: row.scopes,
      reason: row.reason,
    },
  });
  await announce(tx, {
    organizationId: actor.organizationId,
    requestId: row.id,
    to: approvers,
    title: `Approval requested: ${row.kind === "CREATE" ? "production key" : "rotation of"} “${row.name}”`,
    body: `${actor.label} asks for ${what}. Reason: ${row.reason}`,
    event: "key.requested",
    data: { request: requestForEvent(row), reason: row.reason, by: actor.label },
  });
  return { requestId: row.id, approvers: approvers.length };
}

// Asks for a production key where approvals are required. Nothing is
// created until an approver agrees and the requester reveals it.
export async function requestKey(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ requestId: string; approvers: number }> {
  assertCan(options.actor, "keys.create");
  const input = requestKeyInput.parse(options.input);
  if (input.environment !== "PRODUCTION") {
    throw new AppError("INVALID_INPUT", "Only production keys need approval: create this key directly.", {
      environment: ["Requests are for production keys."],
    });
  }
  const now = options.now ?? new Date();
  const { actor } = options;
  return db().$transaction(async (tx) => {
    // The caller and the owner first, the lock order of a member's removal (lockOwnerAndCaller).
    if (!(await lockOwnerAndCaller(tx, actor, "keys.create", input.ownerId ?? actor.userId))) throw ownerNotAMemberError();
    const organization = await assertApprovalsOn(tx, actor.organizationId);
    const scopes = resolveScopes(input, organization.granularScopes, false);
    await assertNameFree(tx, { organizationId: actor.organizationId, name: input.name, now });
    return recordRequest(tx, actor, {
      organizationId: actor.organizationId,
      kind: "CREATE",
      name: input.name,
      liveName: input.name.toLowerCase(),
      environment: input.environment,
      scopes,
      permission: input.permission,
      restrictedActions: resolveRestrictedActions(input, scopes),
      expiresInDays: input.expiresInDays,
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      ownerId: input.ownerId ?? actor.userId,
      team: input.team ?? null,
      description: input.description ?? null,
      reason: input.reason,
      requestedById: actor.userId,
      requestedAt: now,
      expiresAt: new Date(now.getTime() + REQUEST_WINDOW_MS),
    });
  });
}

// Asks for a new secret for a production key; the old one keeps working
// until the new one is revealed and the grace period has passed.
export async function requestRotation(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ requestId: string; approvers: number }> {
  assertCan(options.actor, "keys.rotate");
  const input = requestRotationInput.parse(options.input);
  const now = options.now ?? new Date();
  const { actor } = options;
  const organizationId = actor.organizationId;
  return db().$transaction(async (tx) => {
    await lockCaller(tx, actor, "keys.rotate");
    await assertApprovalsOn(tx, organizationId);
    await tx.$executeRaw`SELECT 1 FROM "SecretKey" WHERE "id" = ${input.keyId} AND "organizationId" = ${organizationId} FOR UPDATE`;
    const key = await tx.secretKey.findFirst({ where: { id: input.keyId, organizationId, deletedAt: null } });
    if (!key) throw new AppError("NOT_FOUND", KEY_NOT_FOUND_MESSAGE);
    if (key.rotatedToId) throw new AppError("CONFLICT", `“${key.name}” was already rotated. Rotate its newer key instead.`);
    if (key.environment !== "PRODUCTION") throw new AppError("INVALID_INPUT", "Only production keys need approval: rotate this key directly.");
    const open = await tx.keyRequest.findFirst({ where: { organizationId, keyId: key.id, status: { in: ["PENDING", "APPROVED"] }, expiresAt: { gt: now } } });
    if (open) throw new AppError("CONFLICT", `A rotation of “${key.name}” is already requested. Wait for its decision, or withdraw it first.`);
    return recordRequest(
      tx,
      actor,
      {
        organizationId,
        kind: "ROTATE",
        keyId: key.id,
        name: key.name,
        environment: key.environment,
        scopes: key.scopes,
        permission: key.permission,
        restrictedActions: key.restrictedActions ?? undefined,
        expiresInDays: lifetimeChoice(key),
        rateLimitPerMinute: key.rateLimitPerMinute,
        grace: input.grace,
        reason: input.reason,
        requestedById: actor.userId,
        requestedAt: now,
        expiresAt: new Date(now.getTime() + REQUEST_WINDOW_MS),
      },
      key,
    );
  });
}
