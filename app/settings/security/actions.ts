"use server";

import { revalidatePath } from "next/cache";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { revokeOtherAuthSessions } from "@/lib/auth/auth-sessions";
import { currentActor } from "@/lib/auth/current-actor";
import { requireMember } from "@/lib/auth/current-member";
import { sendTestEmail } from "@/lib/email/send-test-email";
import { setGranularScopes } from "@/lib/organization/set-granular-scopes";
import { removeWebhookEndpoint, sendTestWebhook, setWebhookEndpoint, setWebhookEvents } from "@/lib/webhooks/webhook-endpoint";

// Signs the caller out everywhere but this browser.
export async function revokeOtherSessionsAction(): Promise<ActionResult<{ revoked: number }>> {
  try {
    const member = await requireMember();
    const revoked = await revokeOtherAuthSessions({ actor: await currentActor(), keepSessionId: member.sessionId });
    revalidatePath("/settings/security");
    return { ok: true, data: { revoked } };
  } catch (error) {
    return toActionError(error);
  }
}

// Turns per-scope keys on or off for the caller's organization (owners only).
export async function setGranularScopesAction(input: unknown): Promise<ActionResult> {
  try {
    await setGranularScopes({ actor: await currentActor(), input });
    revalidatePath("/settings", "layout");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

// Sets the organization's webhook URL and returns its new signing secret, once (owners only).
export async function setWebhookAction(input: unknown): Promise<ActionResult<{ secret: string }>> {
  try {
    const result = await setWebhookEndpoint({ actor: await currentActor(), input });
    revalidatePath("/settings/security");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}

// Sends a test event to the organization's webhook now (owners only).
export async function sendTestWebhookAction(): Promise<ActionResult<{ status: string; statusCode: number | null; error: string | null }>> {
  try {
    const result = await sendTestWebhook({ actor: await currentActor() });
    revalidatePath("/settings/security");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}

// Removes the organization's webhook (owners only).
export async function removeWebhookAction(): Promise<ActionResult> {
  try {
    await removeWebhookEndpoint({ actor: await currentActor() });
    revalidatePath("/settings/security");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

// Sends a test email to the caller through the configured SMTP server (owners only).
export async function sendTestEmailAction(): Promise<ActionResult<{ to: string; ok: boolean; error: string | null }>> {
  try {
    return { ok: true, data: await sendTestEmail({ actor: await currentActor() }) };
  } catch (error) {
    return toActionError(error);
  }
}

// Chooses the events the organization's webhook is sent (owners only).
export async function setWebhookEventsAction(input: unknown): Promise<ActionResult<{ events: string[] }>> {
  try {
    const result = await setWebhookEvents({ actor: await currentActor(), input });
    revalidatePath("/settings/security");
    return { ok: true, data: result };
  } catch (error) {
    return toActionError(error);
  }
}
