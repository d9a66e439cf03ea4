"use server";

import { revalidatePath } from "next/cache";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { currentActor } from "@/lib/auth/current-actor";
import { addMember } from "@/lib/members/add-member";

// Adds a member to the caller's organization (owners only).
export async function addMemberAction(input: unknown): Promise<ActionResult> {
  try {
    await addMember({ actor: await currentActor(), input });
    revalidatePath("/settings/members");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
