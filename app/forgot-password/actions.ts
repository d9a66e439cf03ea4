"use server";

import { headers } from "next/headers";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { clientAddressFrom, userAgentFrom } from "@/lib/auth/client-address";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";

// "Forgot password?": emails a reset link when the email has an account; the
// answer is the same either way (public; limited per email and address).
export async function requestPasswordResetAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  try {
    const requestHeaders = await headers();
    const data = await requestPasswordReset({ input, ipAddress: clientAddressFrom(requestHeaders), userAgent: userAgentFrom(requestHeaders) ?? null });
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}
