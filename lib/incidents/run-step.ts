import { assertCan, type Actor } from "@/lib/auth/actor";
import { lockCaller } from "@/lib/auth/lock-caller";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { INCIDENT_STEP_LABELS, missingBefore, type IncidentStepId } from "./incident-steps";

type Tx = Prisma.TransactionClient;
export type IncidentRow = Prisma.IncidentGetPayload<{ include: { steps: true } }>;

export const INCIDENT_NOT_FOUND = "This incident does not exist in your organization.";

// Runs one wizard step exactly once. The incident row is locked for the
// transaction, so a double submit waits and then finds the step done; the
// work, the step record and its audit event commit together or not at all.
export async function runIncidentStep<T>(options: {
  actor: Actor;
  incidentId: string;
  step: IncidentStepId;
  // actor: the caller with their role as it is now (read under lockCaller).
  work: (tx: Tx, incident: IncidentRow, actor: Actor) => Promise<{ details: Prisma.InputJsonValue; result: T }>;
}): Promise<{ alreadyDone: true } | { alreadyDone: false; result: T }> {
  assertCan(options.actor, "incidents.run");
  const organizationId = options.actor.organizationId;
  return db().$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Incident" WHERE "id" = ${options.incidentId} AND "organizationId" = ${organizationId} FOR UPDATE`;
      if (locked.length === 0) throw new AppError("NOT_FOUND", INCIDENT_NOT_FOUND);
      // Every member, in id order: a step may also lock the owner of the key
      // it replaces, and must not wait for them while holding the caller.
      const { role } = await lockCaller(tx, options.actor, "incidents.run", "all");
      const incident = await tx.incident.findUniqueOrThrow({ where: { id: options.incidentId }, include: { steps: true } });
      const done = incident.steps.map((s) => s.step);
      if (done.includes(options.step)) return { alreadyDone: true as const };
      if (incident.status === "CLOSED") throw new AppError("CONFLICT", "This incident is closed.");
      const missing = missingBefore(options.step, done);
      if (missing.length > 0) {
        throw new AppError("CONFLICT", `Finish “${INCIDENT_STEP_LABELS[missing[0]]}” first.`);
      }
      const { details, result } = await options.work(tx, incident, { ...options.actor, role });
      await tx.incidentStep.create({
        data: { incidentId: incident.id, step: options.step, actorUserId: options.actor.userId, actorLabel: options.actor.label, details },
      });
      await recordAuditEvent(tx, {
        actor: options.actor,
        action: `incident.${options.step}`,
        key: { id: incident.keyId, displayPrefix: incident.keyPrefix },
        details: { incidentId: incident.id, ...(details as object) },
      });
      return { alreadyDone: false as const, result };
    },
    { timeout: 15_000 },
  );
}
