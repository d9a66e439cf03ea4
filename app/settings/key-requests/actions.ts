"use server";

import { runAsActor } from "@/lib/auth/run-as-actor";
import { decideKeyRequest } from "@/lib/key-requests/decide-key-request";
import { requestKey, requestRotation } from "@/lib/key-requests/request-key";
import { revealKeyRequest } from "@/lib/key-requests/reveal-key-request";
import { withdrawKeyRequest } from "@/lib/key-requests/withdraw-key-request";

const REQUESTS = { path: "/settings", type: "layout" } as const;

// Asks the organization's approvers for a production key.
export async function requestKeyAction(input: unknown) {
  return runAsActor((actor) => requestKey({ actor, input }), REQUESTS);
}

// Asks the organization's approvers for a new secret for a production key.
export async function requestRotationAction(input: unknown) {
  return runAsActor((actor) => requestRotation({ actor, input }), REQUESTS);
}

// Approves or denies a pending request (approvers other than the requester).
export async function decideKeyRequestAction(input: unknown) {
  return runAsActor((actor) => decideKeyRequest({ actor, input }), REQUESTS);
}

// Withdraws one of the caller's open requests.
export async function withdrawKeyRequestAction(input: unknown) {
  return runAsActor((actor) => withdrawKeyRequest({ actor, input }), REQUESTS);
}

// Issues the caller's approved key: the response carries its secret, the only time it exists.
export async function revealKeyRequestAction(input: unknown) {
  return runAsActor((actor) => revealKeyRequest({ actor, input }), REQUESTS);
}
