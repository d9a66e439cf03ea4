"use server";

import { headers } from "next/headers";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { clientAddressFrom, userAgentFrom } from "@/lib/auth/client-address";
import { describePasswordLink, LINK_NOT_VALID, setPasswordWithLink } from "@/lib/auth/password-link";

// Whose password a set-password link sets (public: the link is the proof).
export async function describeSetPasswordLinkAction(token: unknown): Promise<ActionResult<{ email: string; name: string }>> {
  try {
    const link = await describePasswordLink(token, "SET_PASSWORD");
    if (!link) return { ok: false, code: "NOT_FOUND", message: LINK_NOT_VALID.SET_PASSWORD };
    return { ok: true, data: { email: link.email, name: link.name } };
  } catch (error) {
    return toActionError(error);
  }
}

// Chooses the first password of an account an owner added, with the
// one-time link they were given (public: the link is the proof).
export async function setPasswordAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const requestHeaders = await headers();
    const data = await setPasswordWithLink({
      purpose: "SET_PASSWORD",
      input,
      ipAddress: clientAddressFrom(requestHeaders),
      userAgent: userAgentFrom(requestHeaders) ?? null,
    });
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}
