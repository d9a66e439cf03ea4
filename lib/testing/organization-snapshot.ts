import { db } from "@/lib/db/client";

// What an organization holds, table by table, to show that a refused call
// changed nothing and that an allowed one changed what it should.
const PROBES = {
  keys: (organizationId: string) =>
    db().secretKey.findMany({
      where: { organizationId },
      orderBy: { id: "asc" },
      select: { id: true, name: true, deletedAt: true, rotatedAt: true, expiresAt: true, ownerId: true, team: true, description: true },
    }),
  incidents: (organizationId: string) =>
    db().incident.findMany({
      where: { organizationId },
      orderBy: { id: "asc" },
      select: {
        id: true,
        status: true,
        revokedAt: true,
        replacementKeyId: true,
        appChecklist: true,
        notifyMessage: true,
        steps: { select: { step: true }, orderBy: { step: "asc" } },
      },
    }),
  members: (organizationId: string) =>
    db().membership.findMany({
      where: { organizationId },
      orderBy: { id: "asc" },
      select: { id: true, userId: true, role: true, user: { select: { name: true, email: true } } },
    }),
  // People the organization removed: their accounts stay for its history.
  formerMembers: async (organizationId: string) => {
    const removed = await db().auditEvent.findMany({ where: { organizationId, action: "member.removed" }, select: { details: true } });
    const emails = removed.map((event) => (event.details as { email: string }).email);
    return db().user.findMany({
      where: { email: { in: emails } },
      orderBy: { id: "asc" },
      select: { id: true, name: true, passwordHash: true, memberships: { select: { organizationId: true } } },
    });
  },
  sessions: (organizationId: string) =>
    db().authSession.findMany({
      where: { revokedAt: null, user: { memberships: { some: { organizationId } } } },
      orderBy: { id: "asc" },
      select: { id: true, reauthenticatedAt: true },
    }),
  // Members' passwords and their unused or used one-time links.
  passwords: (organizationId: string) =>
    db().user.findMany({
      where: { memberships: { some: { organizationId } } },
      orderBy: { id: "asc" },
      select: { id: true, passwordHash: true, passwordTokens: { orderBy: { id: "asc" }, select: { id: true, usedAt: true } } },
    }),
  notifications: (organizationId: string) =>
    db().notification.findMany({ where: { organizationId }, orderBy: { id: "asc" }, select: { id: true, readAt: true } }),
  settings: (organizationId: string) =>
    db().organization.findUnique({
      where: { id: organizationId },
      select: {
        name: true,
        granularScopes: true,
        requireProductionApproval: true,
        requireTwoFactor: true,
        ssoPolicy: { select: { justInTime: true, required: true, breakGlassMembershipId: true } },
      },
    }),
  // Members' authenticator apps, passkeys and recovery codes.
  secondFactors: (organizationId: string) =>
    db().user.findMany({
      where: { memberships: { some: { organizationId } } },
      orderBy: { id: "asc" },
      select: {
        id: true,
        authenticatorApp: { select: { secretEncrypted: true, confirmedAt: true, lastUsedStep: true } },
        recoveryCodes: { orderBy: { id: "asc" }, select: { id: true, usedAt: true } },
        passkeys: { orderBy: { id: "asc" }, select: { id: true, name: true, counter: true } },
      },
    }),
  responsibilities: (organizationId: string) =>
    db().namedResponsibility.findMany({
      where: { organizationId },
      orderBy: [{ responsibility: "asc" }, { membershipId: "asc" }],
      select: { responsibility: true, membershipId: true },
    }),
  requests: (organizationId: string) =>
    db().keyRequest.findMany({
      where: { organizationId },
      orderBy: { id: "asc" },
      select: { id: true, status: true, decidedById: true, liveName: true, issuedKeyId: true },
    }),
  webhook: (organizationId: string) => db().webhookEndpoint.findUnique({ where: { organizationId }, select: { url: true, secret: true, events: true } }),
  deliveries: async (organizationId: string) => ({
    webhooks: await db().webhookDelivery.findMany({ where: { organizationId }, orderBy: { id: "asc" }, select: { id: true, status: true, attempts: true } }),
    emails: await db().emailDelivery.count({ where: { organizationId } }),
  }),
  audit: (organizationId: string) => db().auditEvent.count({ where: { organizationId } }),
};

export type Probe = keyof typeof PROBES;
export type OrganizationSnapshot = { [P in Probe]: Awaited<ReturnType<(typeof PROBES)[P]>> };

export async function snapshotOrganization(organizationId: string): Promise<OrganizationSnapshot> {
  const entries = await Promise.all(Object.entries(PROBES).map(async ([name, probe]) => [name, await probe(organizationId)] as const));
  return Object.fromEntries(entries) as OrganizationSnapshot;
}

export function pick(snapshot: OrganizationSnapshot, probes: readonly Probe[]): Partial<OrganizationSnapshot> {
  return Object.fromEntries(probes.map((probe) => [probe, snapshot[probe]]));
}
