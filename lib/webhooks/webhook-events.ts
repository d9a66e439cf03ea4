// What the organization's webhook can be sent, and what a new one gets.
export const WEBHOOK_EVENTS = [
  "incident.opened",
  "incident.team_notified",
  "incident.closed",
  "key.created",
  "key.rotated",
  "key.deleted",
  "key.requested",
  "key.approved",
  "key.denied",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const DEFAULT_WEBHOOK_EVENTS: WebhookEvent[] = ["incident.opened", "incident.team_notified", "incident.closed"];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "incident.opened": "A key is reported compromised",
  "incident.team_notified": "The team is notified of a compromise",
  "incident.closed": "An incident is closed",
  "key.created": "A key is created",
  "key.rotated": "A key is rotated",
  "key.deleted": "A key is deleted",
  "key.requested": "A production key is requested",
  "key.approved": "A key request is approved",
  "key.denied": "A key request is denied",
};

// How a key appears in event payloads: never its secret or hash.
export function keyForEvent(key: { id: string; name: string; displayPrefix: string; environment?: string }) {
  return { id: key.id, name: key.name, prefix: key.displayPrefix, ...(key.environment ? { environment: key.environment.toLowerCase() } : {}) };
}

// An event's JSON body: Standard Webhooks' type, timestamp (when it happened)
// and data, plus event and sentAt (the same values), which receivers written
// before read.
export function eventPayload<T>(event: string, data: T, at: Date) {
  const timestamp = at.toISOString();
  return { type: event, timestamp, data, event, sentAt: timestamp };
}
