import { ACTIONS, SCOPES, type Action, type Scope } from "@/lib/keys/key-model";
import { canonicalAddress } from "@/lib/net/ip-address";
import { CONTROL_CHARACTERS } from "@/lib/validation/stored-text";

export type VerifyRequest = {
  key: string;
  scope: Scope;
  action: Action;
  // The end client the calling service acts for, when it says so.
  client?: { ipAddress?: string; userAgent?: string };
};

export type ParsedBody = { ok: true; request: VerifyRequest } | { ok: false; message: string };

// Maps and Sets, never plain objects: a lookup of "__proto__" or
// "constructor" on an object literal finds Object.prototype's members.
const API_SCOPES = new Map<string, Scope>(SCOPES.map((scope) => [scope.toLowerCase(), scope]));
const API_ACTIONS = new Set<string>(ACTIONS);
const ALLOWED_FIELDS = new Set(["key", "scope", "action", "client"]);
const CLIENT_FIELDS = new Set(["ipAddress", "userAgent"]);

const fail = (message: string): ParsedBody => ({ ok: false, message });

// Without making an array of the names: this runs for every verification.
function hasUnknownField(fields: object, allowed: Set<string>): boolean {
  for (const name in fields) if (!allowed.has(name) && Object.hasOwn(fields, name)) return true;
  return false;
}

// A client address as a service reports it, in the one spelling the limits
// and the activity record count by (a.b.c.d for ::ffff:a.b.c.d, compressed
// lower-case IPv6), or null when it is not an address: 198.18.0.07 and
// 198.18.0.7 are one client, not two budgets.
function clientAddress(value: unknown): string | null {
  return typeof value === "string" && /^[0-9A-Fa-f:.]{2,45}$/.test(value) ? canonicalAddress(value) : null;
}

// The body of POST /api/v1/keys/verify. Messages never echo the key.
export function parseVerifyBody(text: string): ParsedBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail('The body must be JSON: {"key": "...", "scope": "dataset|training|deployment", "action": "read|write|annotate"}.');
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return fail("The body must be a JSON object.");
  const fields = body as Record<string, unknown>;
  if (hasUnknownField(fields, ALLOWED_FIELDS)) {
    const unknown = Object.keys(fields).filter((name) => !ALLOWED_FIELDS.has(name));
    return fail(
      `Unknown field${unknown.length > 1 ? "s" : ""}: ${unknown
        .slice(0, 5)
        .map((n) => JSON.stringify(n.slice(0, 40)))
        .join(", ")}.`,
    );
  }
  if (typeof fields.key !== "string" || fields.key.length === 0) return fail('"key" must be a non-empty string.');
  const scope = typeof fields.scope === "string" ? API_SCOPES.get(fields.scope) : undefined;
  if (!scope) return fail('"scope" must be one of "dataset", "training", "deployment".');
  if (typeof fields.action !== "string" || !API_ACTIONS.has(fields.action)) {
    return fail('"action" must be one of "read", "write", "annotate".');
  }
  const request: VerifyRequest = { key: fields.key, scope, action: fields.action as Action };
  if (fields.client !== undefined) {
    const client = fields.client as Record<string, unknown>;
    if (typeof client !== "object" || client === null || Array.isArray(client)) return fail('"client" must be an object.');
    if (hasUnknownField(client, CLIENT_FIELDS)) {
      const unknownClient = Object.keys(client).filter((name) => !CLIENT_FIELDS.has(name));
      return fail(`Unknown field in "client": ${JSON.stringify(unknownClient[0].slice(0, 40))}.`);
    }
    const { ipAddress, userAgent } = client;
    const address = ipAddress === undefined ? undefined : clientAddress(ipAddress);
    if (address === null) return fail('"client.ipAddress" must be an IPv4 or IPv6 address.');
    if (userAgent !== undefined && (typeof userAgent !== "string" || userAgent.length > 500 || CONTROL_CHARACTERS.test(userAgent))) {
      return fail('"client.userAgent" must be a string of at most 500 characters, without control characters.');
    }
    request.client = { ipAddress: address, userAgent: userAgent as string | undefined };
  }
  return { ok: true, request };
}

// JSON, read as UTF-8: a body that says it is in another charset would be
// read as something other than what its sender meant.
export function isJsonInUtf8(contentType: string | undefined): boolean {
  if (contentType === "application/json") return true;
  if (contentType === undefined || !/^application\/json\s*(;|$)/i.test(contentType)) return false;
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType);
  return charset === null || /^utf-?8$/i.test(charset[1]);
}

// The Authorization header of GET /api/v1/whoami.
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match ? match[1] : null;
}
