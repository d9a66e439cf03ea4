import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_PAGE_SIZE, type AuditQuery } from "./audit-query";
import { shownDetails } from "./shown-details";

export type AuditEventRow = {
  id: string;
  sequence: number;
  createdAt: Date;
  actorLabel: string;
  action: string;
  keyId: string | null;
  keyPrefix: string | null;
  details: unknown;
  ipAddress: string | null;
  userAgent: string | null;
};

function whereFor(organizationId: string, query: Omit<AuditQuery, "page">): Prisma.AuditEventWhereInput {
  return {
    organizationId,
    ...(query.actor ? { actorUserId: query.actor } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.key ? { OR: [{ keyId: query.key }, { keyPrefix: { startsWith: query.key } }] } : {}),
    ...(query.from || query.to
      ? {
          createdAt: {
            ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}),
            ...(query.to ? { lt: new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
}

const shown = (row: AuditEventRow): AuditEventRow => ({ ...row, details: shownDetails(row.action, row.details) });

const SELECT = {
  id: true,
  sequence: true,
  createdAt: true,
  actorLabel: true,
  action: true,
  keyId: true,
  keyPrefix: true,
  details: true,
  ipAddress: true,
  userAgent: true,
} as const;

// One page of the organization's audit log, newest first.
export async function listAuditEvents(organizationId: string, query: AuditQuery) {
  const where = whereFor(organizationId, query);
  const total = await db().auditEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const rows = await db().auditEvent.findMany({
    where,
    orderBy: { sequence: "desc" },
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
    select: SELECT,
  });
  return { rows: rows.map(shown), total, page, pageCount };
}

// Every matching event, oldest first, in batches (for CSV export).
export async function* allAuditEvents(organizationId: string, query: Omit<AuditQuery, "page">): AsyncGenerator<AuditEventRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db().auditEvent.findMany({
      where: { AND: [whereFor(organizationId, query), { sequence: { gt: after } }] },
      orderBy: { sequence: "asc" },
      take: 1_000,
      select: SELECT,
    });
    if (rows.length === 0) return;
    yield rows.map(shown);
    after = rows[rows.length - 1].sequence;
  }
}
