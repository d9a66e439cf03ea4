"use server";

import { revalidatePath } from "next/cache";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { currentActor } from "@/lib/auth/current-actor";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey, deleteKeys } from "@/lib/keys/delete-key";
import type { KeySummary } from "@/lib/keys/key-summary";
import { renameKey } from "@/lib/keys/rename-key";
import { rotateKey } from "@/lib/keys/rotate-key";

const KEYS_PATH = "/settings/secret-keys";

// Creates a key; the response carries its secret, the only time it is sent.
export async function createKeyAction(input: unknown): Promise<ActionResult<{ key: KeySummary; secret: string }>> {
  try {
    const result = await createKey({ actor: await currentActor(), input });
    revalidatePath(KEYS_PATH);
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}

// Renames a key of the caller's organization.
export async function renameKeyAction(input: unknown): Promise<ActionResult> {
  try {
    await renameKey({ actor: await currentActor(), input });
    revalidatePath(KEYS_PATH, "layout");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

// Deletes (revokes) a key of the caller's organization at once.
export async function deleteKeyAction(input: unknown): Promise<ActionResult<{ name: string }>> {
  try {
    const result = await deleteKey({ actor: await currentActor(), input });
    revalidatePath(KEYS_PATH, "layout");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}

// Rotates a key: the response carries the new secret, the only time it is sent.
export async function rotateKeyAction(input: unknown): Promise<ActionResult<{ key: KeySummary; secret: string; oldKeyExpiresAt: Date }>> {
  try {
    const result = await rotateKey({ actor: await currentActor(), input });
    revalidatePath(KEYS_PATH, "layout");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}

// Deletes several keys of the caller's organization at once (all or none).
export async function deleteKeysAction(input: unknown): Promise<ActionResult<{ names: string[] }>> {
  try {
    const result = await deleteKeys({ actor: await currentActor(), input });
    revalidatePath(KEYS_PATH, "layout");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}
