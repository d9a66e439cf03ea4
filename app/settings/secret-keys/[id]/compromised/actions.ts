"use server";

import { revalidatePath } from "next/cache";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { currentActor } from "@/lib/auth/current-actor";
import { closeStep, notifyStep, replaceStep, reviewStep, revokeStep, updateAppsStep } from "@/lib/incidents/incident-step-actions";
import { openIncident } from "@/lib/incidents/open-incident";

type StepResult = ActionResult<{ alreadyDone: boolean; secret?: string; keyName?: string }>;

async function step(run: () => Promise<{ alreadyDone: boolean; result?: unknown }>): Promise<StepResult> {
  try {
    const outcome = await run();
    revalidatePath("/settings", "layout");
    const created = !outcome.alreadyDone ? (outcome.result as { secret?: string; key?: { name: string } } | null) : null;
    return { ok: true, data: { alreadyDone: outcome.alreadyDone, secret: created?.secret, keyName: created?.key?.name } };
  } catch (error) {
    return toActionError(error);
  }
}

// Starts (or rejoins) the compromise response for a key of the caller's organization.
export async function openIncidentAction(keyId: unknown): Promise<ActionResult<{ incidentId: string }>> {
  try {
    const result = await openIncident({ actor: await currentActor(), keyId });
    revalidatePath("/settings", "layout");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}

// Wizard steps; each checks the role and the incident's organization in the domain.
export async function revokeAction(incidentId: unknown) {
  return step(async () => revokeStep({ actor: await currentActor(), incidentId }));
}
export async function replaceAction(incidentId: unknown, input: unknown) {
  return step(async () => replaceStep({ actor: await currentActor(), incidentId, input }));
}
export async function updateAppsAction(incidentId: unknown, input: unknown) {
  return step(async () => updateAppsStep({ actor: await currentActor(), incidentId, input }));
}
export async function reviewAction(incidentId: unknown, input: unknown) {
  return step(async () => reviewStep({ actor: await currentActor(), incidentId, input }));
}
export async function notifyAction(incidentId: unknown, input: unknown) {
  return step(async () => notifyStep({ actor: await currentActor(), incidentId, input }));
}
export async function closeAction(incidentId: unknown) {
  return step(async () => closeStep({ actor: await currentActor(), incidentId }));
}
