import { db } from "@/lib/db/client";

export type IncidentDelivery = {
  id: string;
  channel: "webhook" | "email";
  target: string;
  status: string;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
};

// The webhooks and emails an incident sent, with where each one stands.
export async function listIncidentDeliveries(organizationId: string, incidentId: string): Promise<IncidentDelivery[]> {
  const [webhooks, emails] = await Promise.all([
    db().webhookDelivery.findMany({ where: { organizationId, incidentId }, orderBy: { createdAt: "asc" } }),
    db().emailDelivery.findMany({ where: { organizationId, incidentId }, orderBy: [{ createdAt: "asc" }, { toAddress: "asc" }] }),
  ]);
  return [
    ...webhooks.map((w) => ({
      id: w.id,
      channel: "webhook" as const,
      target: w.event,
      status: w.status,
      attempts: w.attempts,
      lastError: w.lastError,
      deliveredAt: w.deliveredAt,
    })),
    ...emails.map((e) => ({
      id: e.id,
      channel: "email" as const,
      target: e.toAddress,
      status: e.status,
      attempts: e.attempts,
      lastError: e.lastError,
      deliveredAt: e.deliveredAt,
    })),
  ];
}
