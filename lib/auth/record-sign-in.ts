import { recordAuditEvent } from "@/lib/audit/record-event";
import { db } from "@/lib/db/client";

// Sign-ins and failed sign-ins of known accounts go to each of their
// organizations' audit logs (an unknown email has no organization to log to).
export async function recordSignIn(
  user: { id: string; name: string; email: string },
  action: "auth.sign_in" | "auth.sign_in_failed" | "auth.second_factor_failed",
  request: { ipAddress: string; userAgent?: string },
  // How they signed in or why it failed, e.g. { method: "sso" }.
  details?: Record<string, string>,
): Promise<void> {
  const memberships = await db().membership.findMany({ where: { userId: user.id }, select: { organizationId: true, role: true } });
  for (const membership of memberships) {
    // Each event in a transaction of its own, with its seal.
    await db().$transaction((tx) =>
      recordAuditEvent(tx, {
        actor: {
          userId: user.id,
          organizationId: membership.organizationId,
          role: membership.role,
          label: `${user.name} <${user.email}>`,
          ipAddress: request.ipAddress,
          userAgent: request.userAgent?.slice(0, 500) ?? null,
        },
        action,
        details,
      }),
    );
  }
}
