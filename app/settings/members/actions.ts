"use server";

import { revalidatePath } from "next/cache";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { currentActor } from "@/lib/auth/current-actor";
import { addMember } from "@/lib/members/add-member";
import { changeMemberRole, removeMember } from "@/lib/members/change-member";

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

// Gives a member another role (owners only; never leaves no owner).
export async function changeMemberRoleAction(input: unknown): Promise<ActionResult<{ changed: boolean }>> {
  try {
    const result = await changeMemberRole({ actor: await currentActor(), input });
    revalidatePath("/settings/members");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}

// Removes a member and ends their sessions (owners only).
export async function removeMemberAction(input: unknown): Promise<ActionResult> {
  try {
    await removeMember({ actor: await currentActor(), input });
    revalidatePath("/settings/members");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}
