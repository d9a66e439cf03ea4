import { assertCan, type Actor } from "@/lib/auth/actor";
import type { Operation } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { notifyOwnerAndMembers } from "@/lib/notifications/notify-members";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keyForEvent } from "@/lib/webhooks/webhook-events";
import { enqueueWebhook } from "@/lib/webhooks/webhook-endpoint";
import { generateKey, hashKey } from "./key-format";
import { keyHashSecret } from "./key-hash-secret";
import { createKeyInput, type CreateKeyInput } from "./key-input";
import { SCOPES, type Scope } from "./key-model";
import { assertNameFree, nameTakenError } from "./name-reservation";
import { lockOwnerAndCaller, ownerLabel, ownerNotAMemberError } from "./key-owner";
import { SCOPE_ACTIONS } from "./permission-table";
import { toKeySummary, type KeySummary } from "./key-summary";

const DAY_MS = 24 * 60 * 60 * 1000;

export function resolveScopes(input: CreateKeyInput, granularScopes: boolean, inherited: boolean): Scope[] {
  if (granularScopes || inherited) return SCOPES.filter((scope) => (input.scopes ?? SCOPES).includes(scope));
  if (input.scopes && input.scopes.length !== SCOPES.length) {
    throw new AppError("INVALID_INPUT", "Your organization's keys reach every scope; per-scope keys are turned off in Security settings.", {
      scopes: ["Per-scope keys are turned off for your organization."],
    });
  }
  return [...SCOPES];
}

// Only the key's own scopes, and only actions those scopes support.
export function resolveRestrictedActions(input: CreateKeyInput, scopes: Scope[]): Prisma.InputJsonValue | undefined {
  if (input.permission !== "RESTRICTED") return undefined;
  const actions: Record<string, string[]> = {};
  for (const scope of scopes) {
    const chosen = (SCOPE_ACTIONS[scope] as readonly string[]).filter((a) => input.restrictedActions?.[scope]?.includes(a as never));
    if (chosen.length) actions[scope] = chosen;
  }
  if (Object.keys(actions).length === 0) {
    throw new AppError("INVALID_INPUT", "Allow at least one action in one of the key's scopes.", {
      restrictedActions: ["Allow at least one action in one of the key's scopes."],
    });
  }
  return actions;
}

type Tx = Prisma.TransactionClient;
export type ApprovalRecord = { requestId: string; approverLabel: string };

// Where production keys need approval, they are made only from an approved
// request (lib/key-requests); the direct paths refuse them.
export async function assertNoApprovalNeeded(tx: Tx, organizationId: string, environment: string): Promise<void> {
  if (environment !== "PRODUCTION") return;
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { requireProductionApproval: true } });
  if (organization.requireProductionApproval) {
    throw new AppError("CONFLICT", "Your organization requires approval for production keys. Request the key instead; an approver will decide.");
  }
}

// The creation itself, in the caller's transaction (the compromise wizard
// creates a replacement in the same transaction as its step record).
export async function createKeyInTransaction(
  tx: Tx,
  // inheritsScopes: a successor of an existing key (rotation, incident
  // replacement) keeps that key's scopes, whatever the organization's setting.
  // approvedBy: the request and approver a production key was issued under.
  // operation: what the caller is doing (a rotation, an incident's
  // replacement), checked against their role as it is now.
  options: {
    actor: Actor;
    input: CreateKeyInput;
    now: Date;
    notify?: boolean;
    inheritsScopes?: boolean;
    approvedBy?: ApprovalRecord;
    operation?: Operation;
  },
): Promise<{ key: KeySummary; secret: string }> {
  const { actor, input, now } = options;
  // The caller and the owner must be members of the organization now and
  // until this commits (lockOwnerAndCaller). First, before any other lock,
  // when creating a key; a rotation, a reveal or an incident's replacement
  // has locked both already, before the rows it holds.
  const ownerId = input.ownerId ?? actor.userId;
  if (!(await lockOwnerAndCaller(tx, actor, options.operation ?? "keys.create", ownerId))) throw ownerNotAMemberError();
  const generated = generateKey(input.environment);
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { granularScopes: true } });
  const scopes = resolveScopes(input, organization.granularScopes, options.inheritsScopes === true);
  const liveName = input.name.toLowerCase();
  await assertNameFree(tx, { organizationId: actor.organizationId, name: input.name, now });
  const row = await tx.secretKey.create({
    data: {
      organizationId: actor.organizationId,
      name: input.name,
      liveName,
      environment: input.environment,
      scopes,
      permission: input.permission,
      restrictedActions: resolveRestrictedActions(input, scopes),
      hash: hashKey(generated.secret, keyHashSecret()),
      displayPrefix: generated.displayPrefix,
      lastFour: generated.lastFour,
      createdById: actor.userId,
      createdAt: now,
      expiresAt: input.expiresInDays === "never" ? null : new Date(now.getTime() + Number(input.expiresInDays) * DAY_MS),
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      ownerId,
      team: input.team ?? null,
      description: input.description ?? null,
    },
    include: {
      createdBy: { select: { name: true } },
      owner: { select: { name: true, email: true, memberships: { where: { organizationId: actor.organizationId }, select: { id: true } } } },
    },
  });
  await recordAuditEvent(tx, {
    actor,
    action: "key.created",
    key: row,
    details: {
      name: row.name,
      environment: row.environment,
      scopes: row.scopes,
      permission: row.permission,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      rateLimitPerMinute: row.rateLimitPerMinute,
      owner: ownerLabel(row.owner),
      ownerId: row.ownerId,
      team: row.team,
      description: row.description,
      ...(options.approvedBy ? { requestId: options.approvedBy.requestId, approvedBy: options.approvedBy.approverLabel } : {}),
    },
  });
  await enqueueWebhook(tx, {
    organizationId: actor.organizationId,
    event: "key.created",
    data: { key: keyForEvent(row), permission: row.permission.toLowerCase(), scopes: row.scopes.map((scope) => scope.toLowerCase()), by: actor.label },
  });
  if (options.notify === false) return { key: toKeySummary(row), secret: generated.secret };
  const created = `${actor.label} created a ${row.environment.toLowerCase().replace("_", "/")} key`;
  const everyone = { title: `Key “${row.name}” created`, body: `${created}.` };
  await notifyOwnerAndMembers(tx, {
    organizationId: actor.organizationId,
    link: `/settings/secret-keys/${row.id}`,
    // Someone who is given a key hears it as theirs.
    ownerId: ownerId === actor.userId ? null : ownerId,
    everyone,
    owner: { title: `You own the new key “${row.name}”`, body: `${created} and made you its owner.` },
  });
  return { key: toKeySummary(row), secret: generated.secret };
}

// Creates a key and returns its secret: the only time the secret exists
// outside the caller's hands. Only its HMAC is stored.
export async function createKey(options: { actor: Actor; input: unknown; now?: Date }): Promise<{ key: KeySummary; secret: string }> {
  assertCan(options.actor, "keys.create");
  const input = createKeyInput.parse(options.input);
  try {
    return await db().$transaction(async (tx) => {
      await assertNoApprovalNeeded(tx, options.actor.organizationId, input.environment);
      return createKeyInTransaction(tx, { actor: options.actor, input, now: options.now ?? new Date() });
    });
  } catch (error) {
    if (isUniqueViolation(error) && JSON.stringify(error).includes("liveName")) throw nameTakenError(input.name);
    throw error;
  }
}
