"use server";

import { runAsActor } from "@/lib/auth/run-as-actor";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey, deleteKeys } from "@/lib/keys/delete-key";
import { renameKey } from "@/lib/keys/rename-key";
import { rotateKey } from "@/lib/keys/rotate-key";
import { updateKeyDetails } from "@/lib/keys/update-key-details";

const KEYS_PAGE = { path: "/settings/secret-keys" };
const KEYS_AND_DETAILS = { path: "/settings/secret-keys", type: "layout" } as const;

// Creates a key; the response carries its secret, the only time it is sent.
export async function createKeyAction(input: unknown) {
  return runAsActor((actor) => createKey({ actor, input }), KEYS_PAGE);
}

// Renames a key of the caller's organization.
export async function renameKeyAction(input: unknown) {
  return runAsActor((actor) => renameKey({ actor, input }), KEYS_AND_DETAILS);
}

// Changes a key's owner, team and description (a member of the caller's organization as owner).
export async function updateKeyDetailsAction(input: unknown) {
  return runAsActor((actor) => updateKeyDetails({ actor, input }), KEYS_AND_DETAILS);
}

// Deletes (revokes) a key of the caller's organization at once.
export async function deleteKeyAction(input: unknown) {
  return runAsActor((actor) => deleteKey({ actor, input }), KEYS_AND_DETAILS);
}

// Deletes several keys of the caller's organization at once (all or none).
export async function deleteKeysAction(input: unknown) {
  return runAsActor((actor) => deleteKeys({ actor, input }), KEYS_AND_DETAILS);
}

// Rotates a key: the response carries the new secret, the only time it is sent.
export async function rotateKeyAction(input: unknown) {
  return runAsActor((actor) => rotateKey({ actor, input }), KEYS_AND_DETAILS);
}
