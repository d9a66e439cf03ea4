import { z } from "@/lib/validation/zod";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createKeyInTransaction } from "@/lib/keys/create-key";
import { deleteKeyInTransaction } from "@/lib/keys/delete-key";
import { keyId as keyIdSchema, keyName } from "@/lib/keys/key-input";
import { lockSuccessorOwner } from "@/lib/keys/key-owner";
import { sameSettingsAs } from "@/lib/keys/key-rotation";
import type { KeySummary } from "@/lib/keys/key-summary";
import { absoluteUrl } from "@/lib/config/app-url";
import { enqueueEmails } from "@/lib/email/enqueue-emails";
import { memberEmailAddresses, notifyOwnerAndMembers } from "@/lib/notifications/notify-members";
import { enqueueWebhook } from "@/lib/webhooks/webhook-endpoint";
import { isStorableText } from "@/lib/validation/stored-text";
import { noteText } from "@/lib/validation/note-text";
import { recordId } from "@/lib/validation/record-id";
import { listAppClients } from "./incident-activity";
import { reviewWindow } from "./review-window";
import { runIncidentStep } from "./run-step";

const incidentId = recordId({ missing: "Missing incident id.", invalid: "Not an incident id." });
const note = noteText({ max: 500 });

// Step 1: the key is deleted at once (or its earlier deletion recorded).
export async function revokeStep(options: { actor: Actor; incidentId: unknown; now?: Date }) {
  const id = incidentId.parse(options.incidentId);
  const now = options.now ?? new Date();
  return runIncidentStep({
    actor: options.actor,
    incidentId: id,
    step: "revoke",
    work: async (tx, incident) => {
      const before = await tx.secretKey.findUniqueOrThrow({ where: { id: incident.keyId }, select: { deletedAt: true, expiresAt: true } });
      const deleted = await deleteKeyInTransaction(tx, { actor: options.actor, keyId: incident.keyId, now, inIncident: true });
      const revokedAt = deleted?.deletedAt ?? before.deletedAt ?? now;
      // Whether this step stopped a key that still worked: only then may a
      // lead without keys.create get a replacement from the wizard.
      const wasLive = deleted !== null && !(before.expiresAt && before.expiresAt <= now);
      await tx.incident.update({ where: { id: incident.id }, data: { revokedAt } });
      return { details: { revokedAt: revokedAt.toISOString(), alreadyDeleted: !deleted, wasLive }, result: { revokedAt } };
    },
  });
}

// Whether the incident's revoke step stopped a key that still worked (an
// incident recorded before this was kept counts unless it found the key deleted).
export function revokedLiveKey(steps: { step: string; details: unknown }[]): boolean {
  const revoke = steps.find((step) => step.step === "revoke")?.details as { wasLive?: boolean; alreadyDeleted?: boolean } | undefined;
  return revoke?.wasLive ?? !revoke?.alreadyDeleted;
}

export const NOT_LIVE_WHEN_REVOKED_MESSAGE =
  "The key had already stopped working (deleted or expired) when this incident revoked it, so the wizard makes no replacement for it. Skip this step with a note; an owner or admin can create a new key if one is needed.";

export const ROTATED_KEY_MESSAGE =
  "This key was rotated before it was reported: its successor is its replacement. Skip this step with a note (and report the successor too if the same leak can reach it).";

export const replaceStepInput = z.union([
  z.object({ name: keyName }),
  z.object({ skipReason: note.pipe(z.string().min(1, "Say why no replacement is needed.")) }),
]);

// Step 2: a replacement with the compromised key's environment, scopes and
// permission, revealed once; or a recorded reason to skip it.
export async function replaceStep(options: { actor: Actor; incidentId: unknown; input: unknown; now?: Date }) {
  const id = incidentId.parse(options.incidentId);
  const input = replaceStepInput.parse(options.input);
  return runIncidentStep<{ key: KeySummary; secret: string } | null>({
    actor: options.actor,
    incidentId: id,
    step: "replace",
    work: async (tx, incident, actor) => {
      if ("skipReason" in input) return { details: { skipped: true, reason: input.skipReason }, result: null };
      const old = await tx.secretKey.findUniqueOrThrow({ where: { id: incident.keyId } });
      // A rotated key already has its replacement: another would be a key
      // minted by the wizard.
      if (old.rotatedToId) throw new AppError("CONFLICT", ROTATED_KEY_MESSAGE);
      // A key that had stopped working before this incident revoked it
      // (deleted or expired meanwhile) is replaced only by someone who may
      // create keys anyway; for a security lead it would be a key for free.
      // The role as it is now, not as the session began.
      if (!revokedLiveKey(incident.steps) && !can(actor.role, "keys.create")) throw new AppError("CONFLICT", NOT_LIVE_WHEN_REVOKED_MESSAGE);
      const createInput = { ...sameSettingsAs(old, input.name), ownerId: await lockSuccessorOwner(tx, actor, "incidents.run", old.ownerId) };
      const created = await createKeyInTransaction(tx, {
        actor,
        input: createInput,
        now: options.now ?? new Date(),
        inheritsScopes: true,
        operation: "incidents.run",
      });
      await tx.incident.update({ where: { id: incident.id }, data: { replacementKeyId: created.key.id } });
      return { details: { replacementKeyId: created.key.id, name: created.key.name }, result: created };
    },
  });
}

export const updateAppsInput = z.object({
  entries: z
    .array(
      z.object({
        ipAddress: z.string().max(64),
        userAgent: z.string().max(500).nullable(),
        updated: z.boolean(),
        note: note.optional(),
      }),
    )
    .max(500),
});

// Step 3: every client seen with the key is ticked off as updated, or noted.
export async function updateAppsStep(options: { actor: Actor; incidentId: unknown; input: unknown }) {
  const id = incidentId.parse(options.incidentId);
  const { entries } = updateAppsInput.parse(options.input);
  return runIncidentStep({
    actor: options.actor,
    incidentId: id,
    step: "update_apps",
    work: async (tx, incident) => {
      const clients = await listAppClients(incident.organizationId, incident.keyId);
      const byClient = new Map(entries.map((e) => [`${e.ipAddress}\u0000${e.userAgent}`, e]));
      const checklist = clients.map((client) => {
        const entry = byClient.get(`${client.ipAddress}\u0000${client.userAgent}`);
        return {
          ...client,
          firstSeenAt: client.firstSeenAt.toISOString(),
          lastSeenAt: client.lastSeenAt.toISOString(),
          updated: entry?.updated ?? false,
          note: entry?.note ?? "",
        };
      });
      const open = checklist.filter((item) => !item.updated && !item.note);
      if (open.length > 0) {
        throw new AppError("INVALID_INPUT", `Tick off or add a note for every client: ${open.length} left (first: ${open[0].ipAddress}).`);
      }
      await tx.incident.update({ where: { id: incident.id }, data: { appChecklist: checklist } });
      return { details: { clients: checklist.length, updated: checklist.filter((c) => c.updated).length }, result: null };
    },
  });
}

const reviewDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date.")
  .refine((day) => !Number.isNaN(Date.parse(day)), "Choose a date.");
export const reviewInput = z.object({ from: reviewDay, to: reviewDay, suspicious: z.number().int().min(0).max(1_000_000) });

// Step 4: the lead confirms they reviewed the activity window (whole UTC
// days, as shown); the record ends at the moment of the review, not at the
// start of its last day.
export async function reviewStep(options: { actor: Actor; incidentId: unknown; input: unknown; now?: Date }) {
  const id = incidentId.parse(options.incidentId);
  const input = reviewInput.parse(options.input);
  const now = options.now ?? new Date();
  return runIncidentStep({
    actor: options.actor,
    incidentId: id,
    step: "review",
    work: async (_tx, incident) => {
      const window = reviewWindow(input, incident.revokedAt, now);
      const to = window.toDate < now ? window.toDate : now;
      return { details: { from: window.fromDate.toISOString(), to: to.toISOString(), suspicious: input.suspicious }, result: null };
    },
  });
}

export const notifyInput = z.object({
  message: z
    .string()
    .trim()
    .min(1, "Write a message for the team.")
    .max(2000, "Use at most 2000 characters.")
    .refine(isStorableText, "This text has a character that cannot be stored."),
});

// Step 5: an in-app notification to every member, the signed webhook, and an
// email to every member when SMTP is configured; all queued with the step.
export async function notifyStep(options: { actor: Actor; incidentId: unknown; input: unknown }) {
  const id = incidentId.parse(options.incidentId);
  const { message } = notifyInput.parse(options.input);
  return runIncidentStep({
    actor: options.actor,
    incidentId: id,
    step: "notify",
    work: async (tx, incident) => {
      const { ownerId } = await tx.secretKey.findUniqueOrThrow({ where: { id: incident.keyId }, select: { ownerId: true } });
      const recipients = await notifyOwnerAndMembers(tx, {
        organizationId: incident.organizationId,
        link: `/settings/secret-keys/${incident.keyId}/compromised`,
        ownerId,
        everyone: { title: `Key “${incident.keyName}” was compromised`, body: message },
        owner: { title: `Your key “${incident.keyName}” was compromised`, body: message },
      });
      await tx.incident.update({ where: { id: incident.id }, data: { notifyMessage: message } });
      const webhook = await enqueueWebhook(tx, {
        organizationId: incident.organizationId,
        incidentId: incident.id,
        event: "incident.team_notified",
        data: { incidentId: incident.id, key: { id: incident.keyId, name: incident.keyName, prefix: incident.keyPrefix }, message, by: options.actor.label },
      });
      const emails = await enqueueEmails(tx, {
        organizationId: incident.organizationId,
        incidentId: incident.id,
        to: await memberEmailAddresses(tx, incident.organizationId, ownerId),
        subject: `[Secret Keys] Key “${incident.keyName}” was compromised`,
        body: `${message}\n\nReported by ${options.actor.label}. Incident: ${absoluteUrl(`/settings/secret-keys/${incident.keyId}/compromised`)}\n`,
      });
      return { details: { recipients, message, webhook: webhook ? "queued" : "not configured", emails }, result: null };
    },
  });
}

// Step 6: closes the incident; the key may get a new incident later.
export async function closeStep(options: { actor: Actor; incidentId: unknown; now?: Date }) {
  const id = incidentId.parse(options.incidentId);
  const now = options.now ?? new Date();
  return runIncidentStep({
    actor: options.actor,
    incidentId: id,
    step: "close",
    work: async (tx, incident) => {
      await tx.incident.update({ where: { id: incident.id }, data: { status: "CLOSED", openKeyId: null, closedAt: now } });
      const { ownerId } = await tx.secretKey.findUniqueOrThrow({ where: { id: incident.keyId }, select: { ownerId: true } });
      await notifyOwnerAndMembers(tx, {
        organizationId: incident.organizationId,
        link: `/settings/secret-keys/${incident.keyId}/compromised`,
        ownerId,
        everyone: { title: `Incident for “${incident.keyName}” closed`, body: `Closed by ${options.actor.label}.` },
        owner: { title: `Incident for your key “${incident.keyName}” closed`, body: `Closed by ${options.actor.label}.` },
      });
      await enqueueWebhook(tx, {
        organizationId: incident.organizationId,
        incidentId: incident.id,
        event: "incident.closed",
        data: { incidentId: incident.id, key: { id: incident.keyId, name: incident.keyName, prefix: incident.keyPrefix }, by: options.actor.label },
      });
      return { details: { closedAt: now.toISOString() }, result: null };
    },
  });
}

export async function getIncident(organizationId: string, id: string) {
  return db().incident.findFirst({ where: { id, organizationId }, include: { steps: { orderBy: { createdAt: "asc" } } } });
}

// The open incident of a key, else its most recent one.
export async function latestIncidentForKey(organizationId: string, keyId: string) {
  // The key id comes from the URL: one no key can have (a NUL byte) would fail the query.
  if (!keyIdSchema.safeParse(keyId).success) return null;
  return db().incident.findFirst({
    where: { organizationId, keyId },
    orderBy: [{ status: "asc" }, { openedAt: "desc" }],
    include: { steps: { orderBy: { createdAt: "asc" } } },
  });
}
