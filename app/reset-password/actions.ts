"use server";

import { headers } from "next/headers";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { clientAddressFrom, userAgentFrom } from "@/lib/auth/client-address";
import { describePasswordLink, LINK_NOT_VALID, setPasswordWithLink } from "@/lib/auth/password-link";

// Whose password an emailed reset link resets (public: the link is the proof).
export async function describeResetLinkAction(token: unknown): Promise<ActionResult<{ email: string; name: string }>> {
  try {
    const link = await describePasswordLink(token, "RESET_PASSWORD");
    if (!link) return { ok: false, code: "NOT_FOUND", message: LINK_NOT_VALID.RESET_PASSWORD };
    return { ok: true, data: { email: link.email, name: link.name } };
  } catch (error) {
    return toActionError(error);
  }
}

// Chooses a new password with the emailed one-time reset link; every
// session of the account ends (public: the link is the proof).
export async function resetPasswordAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const requestHeaders = await headers();
    const data = await setPasswordWithLink({
      purpose: "RESET_PASSWORD",
      input,
      ipAddress: clientAddressFrom(requestHeaders),
      userAgent: userAgentFrom(requestHeaders) ?? null,
    });
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}
