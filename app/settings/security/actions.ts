"use server";

import { revalidatePath } from "next/cache";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { revokeOtherAuthSessions } from "@/lib/auth/auth-sessions";
import { requireMember } from "@/lib/auth/current-member";

// Signs the caller out everywhere but this browser.
export async function revokeOtherSessionsAction(): Promise<ActionResult<{ revoked: number }>> {
  try {
    const member = await requireMember();
    const revoked = await revokeOtherAuthSessions({ userId: member.userId, keepSessionId: member.sessionId });
    revalidatePath("/settings/security");
    return { ok: true, data: { revoked } };
  } catch (error) {
    return toActionError(error);
  }
}
