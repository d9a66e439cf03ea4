import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { can, ROLE_LABELS, ROLES, type Operation } from "./permissions";

// Who is acting, for authorization and the audit trail. Built on the server
// from the session and the request, never from client input.
export type Actor = {
  userId: string;
  organizationId: string;
  role: Role;
  label: string;
  ipAddress: string | null;
  userAgent: string | null;
  // The browser session the request came with and when it last proved its
  // user again; absent outside a session (a sign-in, first-run setup), which
  // never passes a re-authentication check.
  session?: { id: string; reauthenticatedAt: Date | null };
};

// The refusal names the roles that may, so the caller knows whom to ask.
export function refusalFor(operation: Operation): string {
  const labels = ROLES.filter((role) => can(role, operation)).map((role) => ROLE_LABELS[role]);
  const roles = labels.length > 1 ? `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}` : labels[0];
  return `Your role does not allow this. Ask someone in your organization with the ${roles} role.`;
}

export function assertCan(actor: Actor, operation: Operation): void {
  if (!can(actor.role, operation)) throw new AppError("FORBIDDEN", refusalFor(operation));
}
