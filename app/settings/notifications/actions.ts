"use server";

import { revalidatePath } from "next/cache";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { requireMember } from "@/lib/auth/current-member";
import { markAllRead } from "@/lib/notifications/notifications";

// Marks the caller's own notifications read.
export async function markAllReadAction(): Promise<ActionResult<{ marked: number }>> {
  try {
    const member = await requireMember();
    const marked = await markAllRead(member.userId, member.organizationId);
    revalidatePath("/settings", "layout");
    return { ok: true, data: { marked } };
  } catch (error) {
    return toActionError(error);
  }
}
