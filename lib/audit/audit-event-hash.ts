import { createHash } from "node:crypto";

// PostgreSQL's text form of a jsonb value: ", " and ": " separators, object
// keys ordered by length then bytes, strings escaped as escape_json does.
export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return numericText(value);
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(", ")}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `{${keys.map((key) => `${JSON.stringify(key)}: ${jsonbText(object[key])}`).join(", ")}}`;
}

// A JavaScript number as PostgreSQL's numeric prints it: never in exponent
// notation (1e-7 is 0.0000001, 1e21 is 1000000000000000000000).
export function numericText(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, head, tail = "", exponentText] = match;
  const digits = head + tail;
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export type HashedEvent = {
  organizationId: string;
  sequence: number;
  createdAt: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  keyId: string | null;
  keyPrefix: string | null;
  details: unknown;
  ipAddress: string | null;
  userAgent: string | null;
  previousHash: string | null;
};

// The chain hash of an event, computed here exactly as the database's
// audit_event_hash() does (see the audit_chain migration), so verification
// never depends on code that someone with database rights can replace.
export function auditEventHash(event: HashedEvent): string {
  const text = jsonbText([
    event.organizationId,
    event.sequence,
    event.createdAt.toISOString().slice(0, 23),
    event.actorUserId,
    event.actorLabel,
    event.action,
    event.keyId,
    event.keyPrefix,
    event.details ?? null,
    event.ipAddress,
    event.userAgent,
    event.previousHash,
  ]);
  return createHash("sha256").update(text, "utf8").digest("hex");
}
