import { headers } from "next/headers";
import type { Actor } from "./actor";
import { clientAddressFrom, userAgentFrom } from "./client-address";
import { requireMember } from "./current-member";

export async function currentActor(access: Parameters<typeof requireMember>[0] = {}): Promise<Actor> {
  const member = await requireMember(access);
  const requestHeaders = await headers();
  return {
    userId: member.userId,
    organizationId: member.organizationId,
    role: member.role,
    label: `${member.name} <${member.email}>`,
    ipAddress: clientAddressFrom(requestHeaders),
    userAgent: userAgentFrom(requestHeaders)?.slice(0, 500) ?? null,
    session: { id: member.sessionId, reauthenticatedAt: member.reauthenticatedAt },
  };
}
