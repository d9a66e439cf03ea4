import { assertCan, type Actor } from "@/lib/auth/actor";
import { lockOrganizationAndCaller } from "@/lib/auth/lock-caller";
import { assertReauthenticated } from "@/lib/auth/reauthentication";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";
import { z } from "@/lib/validation/zod";

export const setSsoJoinInput = z.object({ enabled: z.boolean({ error: "Choose on or off." }) });

// Lets people the identity provider vouches for, without an account, join
// the organization on their first SSO sign-in with OIDC_DEFAULT_ROLE (owners
// only). Off by default: anyone with an account at the provider could
// otherwise walk in.
export async function setSsoJoin(options: { actor: Actor; input: unknown }): Promise<{ changed: boolean }> {
  assertCan(options.actor, "settings.manage");
  const { enabled } = setSsoJoinInput.parse(options.input);
  assertReauthenticated(options.actor, "sso.set");
  const organizationId = options.actor.organizationId;
  return db().$transaction(async (tx) => {
    await lockOrganizationAndCaller(tx, options.actor, "settings.manage");
    await tx.ssoPolicy.upsert({ where: { organizationId }, create: { organizationId }, update: {} });
    const { count } = await tx.ssoPolicy.updateMany({ where: { organizationId, justInTime: !enabled }, data: { justInTime: enabled } });
    if (count === 0) return { changed: false };
    await recordAuditEvent(tx, { actor: options.actor, action: enabled ? "organization.sso_join_enabled" : "organization.sso_join_disabled" });
    return { changed: true };
  });
}
