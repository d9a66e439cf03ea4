"use server";

import type { Actor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { closeStep, notifyStep, replaceStep, reviewStep, revokeStep, updateAppsStep } from "@/lib/incidents/incident-step-actions";
import { openIncident } from "@/lib/incidents/open-incident";

// Steps change the wizard, the keys, the notifications and the bell.
const EVERY_SETTINGS_PAGE = { path: "/settings", type: "layout" } as const;

// What a step may send back: whether it had been done, and a replacement's
// secret the one time it is created.
function step(run: (actor: Actor) => Promise<{ alreadyDone: boolean; result?: unknown }>) {
  return runAsActor(async (actor) => {
    const outcome = await run(actor);
    const created = !outcome.alreadyDone ? (outcome.result as { secret?: string; key?: { name: string } } | null) : null;
    return { alreadyDone: outcome.alreadyDone, secret: created?.secret, keyName: created?.key?.name };
  }, EVERY_SETTINGS_PAGE);
}

// Starts (or rejoins) the compromise response for a key of the caller's organization.
export async function openIncidentAction(keyId: unknown) {
  return runAsActor((actor) => openIncident({ actor, keyId }), EVERY_SETTINGS_PAGE);
}

// Wizard steps; each checks the role and the incident's organization in the domain.
export async function revokeAction(incidentId: unknown) {
  return step((actor) => revokeStep({ actor, incidentId }));
}
export async function replaceAction(incidentId: unknown, input: unknown) {
  return step((actor) => replaceStep({ actor, incidentId, input }));
}
export async function updateAppsAction(incidentId: unknown, input: unknown) {
  return step((actor) => updateAppsStep({ actor, incidentId, input }));
}
export async function reviewAction(incidentId: unknown, input: unknown) {
  return step((actor) => reviewStep({ actor, incidentId, input }));
}
export async function notifyAction(incidentId: unknown, input: unknown) {
  return step((actor) => notifyStep({ actor, incidentId, input }));
}
export async function closeAction(incidentId: unknown) {
  return step((actor) => closeStep({ actor, incidentId }));
}
