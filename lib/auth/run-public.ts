import { headers } from "next/headers";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { clientAddressFrom, userAgentFrom } from "./client-address";

export type PublicRequest = { ipAddress: string; userAgent: string | null };

// The body of every server action that needs no session (setup, sign-in,
// password links): hands the work the caller's address and user agent, and
// turns errors into what may reach the browser.
export async function runPublic<T>(work: (request: PublicRequest) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const requestHeaders = await headers();
    return { ok: true, data: await work({ ipAddress: clientAddressFrom(requestHeaders), userAgent: userAgentFrom(requestHeaders) ?? null }) };
  } catch (error) {
    return toActionError(error);
  }
}
