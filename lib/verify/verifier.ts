import type http from "node:http";
import pg from "pg";
import { hashKey, MAX_KEY_LENGTH, parseKey } from "@/lib/keys/key-format";
import { isAllowed, allowedActions } from "@/lib/keys/permission-table";
import { SCOPES } from "@/lib/keys/key-model";
import { addressGroup } from "@/lib/net/address-group";
import { BodyDeadlines } from "./body-deadlines";
import { InvalidKeyLimiter } from "./invalid-key-limiter";
import { KeyRateLimiter } from "./key-rate-limiter";
import { KeyCache, lookupKeyFor } from "./key-cache";
import { isLive, type KeyRecord } from "./key-record";
import { keyRecordLoader } from "./load-key-record";
import { startRevocationListener } from "./revocation-listener";
import { parseServiceTokens, type ServiceTokens } from "./service-tokens";
import { UsageFlusher } from "./usage-flusher";
import { UsageRecorder, type Usage } from "./usage-recorder";
import { bearerToken, isJsonInUtf8, parseVerifyBody, type VerifyRequest } from "./verify-request";
import { createUsageWriter } from "./write-usage";
import { ALL_CONTROL_CHARACTERS } from "@/lib/validation/stored-text";

export const VERIFY_PATH = "/api/v1/keys/verify";
export const WHOAMI_PATH = "/api/v1/whoami";
export const SERVICE_TOKEN_HEADER = "x-service-token";
const MAX_BODY_BYTES = 8 * 1024;
const JSON_HEADERS: [string, string][] = [
  ["content-type", "application/json; charset=utf-8"],
  ["cache-control", "no-store"],
  ["x-content-type-options", "nosniff"],
];
// A prepared answer: strings (not Buffers) let node:http send the headers and
// the body in one write, which is most of the cost of a small response.
type Prepared = { body: string; headers: string[] };

function prepare(body: object, extra: [string, string][] = []): Prepared {
  const text = JSON.stringify(body);
  return { body: text, headers: [...JSON_HEADERS, ["content-length", String(Buffer.byteLength(text))], ...extra].flat() };
}

// Unknown, deleted, expired and malformed keys all get exactly these bytes.
const INVALID_KEY = prepare({ valid: false, code: "invalid_key" });

export type VerifierOptions = {
  // Lookups and usage writes (may be a pooler in transaction mode).
  databaseUrl: string;
  // The LISTEN connection, which must be a session of its own; default databaseUrl.
  directDatabaseUrl?: string;
  hashSecret: string;
  invalidKeyLimitPerMinute?: number;
  cacheSize?: number;
  flushIntervalMs?: number;
  activityRetentionDays?: number;
  serviceTokens?: ServiceTokens;
  bodyTimeoutMs?: number;
  clientAddress: (request: http.IncomingMessage) => string;
  log?: (message: string) => void;
};

export type Verifier = {
  handles(url: string | undefined): boolean;
  handle(request: http.IncomingMessage, response: http.ServerResponse): void;
  flush(): Promise<void>;
  close(): Promise<void>;
  readonly listening: boolean;
};

function sendPrepared(response: http.ServerResponse, status: number, answer: Prepared): void {
  response.writeHead(status, answer.headers);
  response.end(answer.body);
}

function send(response: http.ServerResponse, status: number, body: object, extra: [string, string][] = []): void {
  sendPrepared(response, status, prepare(body, extra));
}

const apiValue = (value: string) => value.toLowerCase();

function describeKey(record: KeyRecord) {
  return {
    keyId: record.id,
    organizationId: record.organizationId,
    name: record.name,
    environment: apiValue(record.environment),
    scopes: record.scopes.map(apiValue),
    permission: apiValue(record.permission),
    // Lets the calling service warn its client before a rotated or expiring key stops working.
    expiresAt: record.expiresAt ? new Date(record.expiresAt).toISOString() : null,
  };
}

// The two possible 200 answers of a record, prepared once.
const answers = new WeakMap<KeyRecord, { allowed: Prepared; denied: Prepared }>();
function answerFor(record: KeyRecord, allowed: boolean): Prepared {
  let cached = answers.get(record);
  if (!cached) {
    const described = describeKey(record);
    cached = {
      allowed: prepare({ valid: true, allowed: true, ...described }),
      denied: prepare({ valid: true, allowed: false, ...described }),
    };
    answers.set(record, cached);
  }
  return allowed ? cached.allowed : cached.denied;
}

const TOO_LARGE = prepare({ error: "body_too_large", message: `The body must be at most ${MAX_BODY_BYTES} bytes.` }, [["connection", "close"]]);
const TOO_SLOW = prepare({ error: "request_timeout", message: "The body took too long to arrive." }, [["connection", "close"]]);

// Callback style on purpose: this runs for every API request, and promises
// cost more in a process where Next keeps async context tracking on. So do
// named closures made per request (the TypeScript loader gives each its name
// with Object.defineProperty): the callbacks here are passed inline. A body
// over the limit is answered (413) as soon as the limit is passed, without
// reading the rest. A verify body is a few hundred bytes: one still arriving
// at its deadline is a client holding the connection, answered 408.
function readBody(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  deadlines: BodyDeadlines,
  fail: (error: unknown) => void,
  done: (text: string) => void,
): void {
  if (Number(request.headers["content-length"]) > MAX_BODY_BYTES) return sendPrepared(response, 413, TOO_LARGE);
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  deadlines.watch(request, () => {
    refused = true;
    chunks.length = 0;
    sendPrepared(response, 408, TOO_SLOW);
  });
  request.on("data", (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
    refused = true;
    deadlines.done(request);
    chunks.length = 0;
    sendPrepared(response, 413, TOO_LARGE);
  });
  // No "close" or "error" listener: a request whose connection is lost just
  // stops (node emits "error" only to listeners), and the deadline sweep
  // drops it.
  request.on("end", () => {
    deadlines.done(request);
    if (refused) return;
    try {
      done(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8"));
    } catch (error) {
      fail(error);
    }
  });
}

// The path of a request target, without its query.
function pathOf(url: string | undefined): string | undefined {
  const query = url?.indexOf("?") ?? -1;
  return query === -1 ? url : url!.slice(0, query);
}

// The last input and answer of a pure function of a string: callers send
// the same User-Agent from the same address request after request.
function lastAnswerOf<T>(compute: (input: string) => T): (input: string) => T {
  let lastInput: string | undefined;
  let lastAnswer: T;
  return (input) => {
    if (input !== lastInput) {
      lastAnswer = compute(input);
      lastInput = input;
    }
    return lastAnswer;
  };
}

const cleanUserAgent = lastAnswerOf((header) => header.slice(0, 500).replace(ALL_CONTROL_CHARACTERS, " "));
const headerUserAgent = (request: http.IncomingMessage) => {
  const header = request.headers["user-agent"];
  return header === undefined ? null : cleanUserAgent(header);
};
const limitGroupOf = lastAnswerOf(addressGroup);

// Key verification served by our own HTTP server, outside Next's request
// pipeline: an in-memory cache of key records kept honest by database
// notifications and a 5-second bound, and for a key it does not hold, the
// format and checksum before the database is asked.
export function createVerifier(options: VerifierOptions): Verifier {
  const log = options.log ?? ((message: string) => console.log(`[verify] ${message}`));
  // Lookups get their own small pool too: a flush never delays a lookup.
  const lookupPool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
  lookupPool.on("error", () => {});
  const throughPooler = options.directDatabaseUrl !== undefined && options.directDatabaseUrl !== options.databaseUrl;
  const cache = new KeyCache(keyRecordLoader(lookupPool, { prepared: !throughPooler }), {
    maxEntries: options.cacheSize ?? 100_000,
    onLoadError: (error) => log(`Key lookup failed: ${error instanceof Error ? error.message : String(error)}`),
  });
  const listener = startRevocationListener({
    databaseUrl: options.directDatabaseUrl ?? options.databaseUrl,
    onKeyChanged: (keyId) => cache.evictKey(keyId),
    onReset: () => cache.flush(),
    log,
  });
  const deadlines = new BodyDeadlines({ timeoutMs: options.bodyTimeoutMs ?? 5_000 });
  const limiter = new InvalidKeyLimiter({ limitPerMinute: options.invalidKeyLimitPerMinute ?? 60 });
  const keyLimiter = new KeyRateLimiter();
  const serviceTokens = options.serviceTokens ?? parseServiceTokens(undefined);
  const usage = new UsageRecorder();
  // The usage writer's own small pool: usage writes never wait behind the panel's queries.
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  pool.on("error", () => {});
  const writer = createUsageWriter(pool);
  const flusher = new UsageFlusher(usage, writer.write, log);
  const flush = () => flusher.flush();
  const flushTimer = setInterval(() => void flush(), options.flushIntervalMs ?? 2_000);
  flushTimer.unref();
  const retentionMs = (options.activityRetentionDays ?? 30) * 86_400_000;
  const purge = () => writer.purge(new Date(Date.now() - retentionMs)).catch(() => {});
  const purgeTimer = setInterval(() => void purge(), 60 * 60 * 1000);
  purgeTimer.unref();
  const firstPurge = setTimeout(() => void purge(), 60_000);
  firstPurge.unref();

  // Never lets an error escape: it would take the whole server down.
  const failed = (response: http.ServerResponse) => (error: unknown) => {
    log(`Verification failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!response.headersSent) send(response, 500, { error: "internal", message: "Verification failed on our side." });
    else response.end();
  };

  const unavailable = (response: http.ServerResponse) =>
    send(response, 503, { error: "unavailable", message: "Key verification is temporarily unavailable. Retry shortly." }, [["retry-after", "1"]]);

  // Unknown, deleted, expired and malformed keys alike. The invalid-key
  // limit (counted per limitKey: the end client a service reported, else the
  // caller) slows guessing: a client past it gets 429 instead of 401 for a
  // key that does not work. A deleted or expired key takes this path too:
  // past the limit, a 401 for it beside 429s for made-up keys would tell
  // which were real.
  const notFound = (limitKey: string, response: http.ServerResponse) => {
    const wait = limiter.retryAfterSeconds(limitKey);
    if (wait > 0) {
      return send(response, 429, { error: "rate_limited", message: "Too many invalid keys from this client. Retry later." }, [["retry-after", String(wait)]]);
    }
    limiter.recordFailure(limitKey);
    sendPrepared(response, 401, INVALID_KEY);
  };

  // The key's record: the cache, else format and checksum (no I/O), then
  // the database. Only keys that passed format and checksum are ever cached,
  // so a hit needs neither again. A key that works is always answered,
  // whoever sent junk from or through the same address.
  function resolveKey(secret: string, limitKey: string, response: http.ServerResponse, found: (record: KeyRecord) => void): void {
    if (secret.length > MAX_KEY_LENGTH) return notFound(limitKey, response);
    const lookupKey = lookupKeyFor(secret);
    const fresh = cache.peek(lookupKey);
    if (fresh) return fresh.record ? found(fresh.record) : notFound(limitKey, response);
    if (!parseKey(secret)) return notFound(limitKey, response);
    cache
      .lookup(lookupKey, hashKey(secret, options.hashSecret))
      .then((lookup) => {
        if (lookup.status === "unavailable") return unavailable(response);
        if (!lookup.record) return notFound(limitKey, response);
        found(lookup.record);
      })
      .catch(failed(response));
  }

  // Past the key's own limit: 429, recorded as such.
  function keyRateLimited(record: KeyRecord, now: number, response: http.ServerResponse): boolean {
    if (record.rateLimitPerMinute === null) return false;
    const wait = keyLimiter.take(record.id, record.rateLimitPerMinute, now);
    if (wait === 0) return false;
    send(
      response,
      429,
      { error: "rate_limited", code: "rate_limited", message: `This key is limited to ${record.rateLimitPerMinute} requests per minute. Retry later.` },
      [["retry-after", String(wait)]],
    );
    return true;
  }

  // One verification's usage. Who it is for: the caller itself, or the end
  // client a service with a service token reported (then the caller is
  // recorded as "via"). Built whole, not spread: this runs for every request.
  function usageOf(
    record: KeyRecord,
    at: number,
    request: http.IncomingMessage,
    address: string,
    client: VerifyRequest["client"],
    scope: Usage["scope"],
    action: string,
    outcome: Usage["outcome"],
  ): Usage {
    return {
      keyId: record.id,
      organizationId: record.organizationId,
      at,
      ipAddress: client ? (client.ipAddress ?? address) : address,
      viaAddress: client ? address : null,
      userAgent: client ? (client.userAgent ?? null) : headerUserAgent(request),
      scope,
      action,
      outcome,
    };
  }

  function verify(request: http.IncomingMessage, response: http.ServerResponse) {
    if (request.method !== "POST") return send(response, 405, { error: "method_not_allowed", message: "Use POST." }, [["allow", "POST"]]);
    // JSON only: a browser on another site cannot send it without a CORS
    // preflight we never grant, so no web page can spend a client's limits.
    if (!isJsonInUtf8(request.headers["content-type"])) {
      return send(response, 415, { error: "unsupported_media_type", message: "Send the body as JSON in UTF-8 (Content-Type: application/json)." });
    }
    const address = options.clientAddress(request);
    const token = request.headers[SERVICE_TOKEN_HEADER];
    const service = token !== undefined && serviceTokens.matches(Array.isArray(token) ? token[0] : token);
    if (token !== undefined && !service) return send(response, 403, { error: "forbidden", message: "The service token is not valid." });
    readBody(request, response, deadlines, failed(response), (text) => {
      const parsed = parseVerifyBody(text);
      if (!parsed.ok) return send(response, 400, { error: "invalid_request", message: parsed.message });
      const { key, scope, action, client } = parsed.request;
      if (client && !service) {
        return send(response, 403, {
          error: "forbidden",
          message: `"client" is accepted only from services that send a service token (${SERVICE_TOKEN_HEADER} header).`,
        });
      }
      const limitKey = client?.ipAddress ? `client ${addressGroup(client.ipAddress)}` : limitGroupOf(address);
      resolveKey(key, limitKey, response, (record) => {
        const now = Date.now();
        const live = isLive(record, now);
        const limited = live && keyRateLimited(record, now, response);
        const allowed = live && !limited && isAllowed(record, scope, action);
        const outcome = !live ? "REVOKED" : limited ? "RATE_LIMITED" : allowed ? "ALLOWED" : "DENIED";
        usage.record(usageOf(record, now, request, address, client, scope, action, outcome));
        if (!live) return notFound(limitKey, response);
        if (!limited) sendPrepared(response, 200, answerFor(record, allowed));
      });
    });
  }

  function whoami(request: http.IncomingMessage, response: http.ServerResponse) {
    if (request.method !== "GET") return send(response, 405, { error: "method_not_allowed", message: "Use GET." }, [["allow", "GET"]]);
    if (request.url?.includes("?")) {
      return send(response, 400, {
        error: "invalid_request",
        message: "Send the key in the Authorization header (Authorization: Bearer <key>), never in the URL, where it ends up in logs.",
      });
    }
    const address = options.clientAddress(request);
    const limitKey = limitGroupOf(address);
    resolveKey(bearerToken(request.headers.authorization) ?? "", limitKey, response, (record) => {
      const now = Date.now();
      const live = isLive(record, now);
      const limited = live && keyRateLimited(record, now, response);
      usage.record(usageOf(record, now, request, address, undefined, null, "whoami", !live ? "REVOKED" : limited ? "RATE_LIMITED" : "ALLOWED"));
      if (!live) return notFound(limitKey, response);
      if (limited) return;
      const allowedBy = Object.fromEntries(SCOPES.map((scope) => [apiValue(scope), allowedActions(record, scope)]));
      send(response, 200, { ...describeKey(record), allowedActions: allowedBy });
    });
  }

  return {
    get listening() {
      return listener.connected;
    },
    handles(url) {
      const path = pathOf(url);
      return path === VERIFY_PATH || path === WHOAMI_PATH;
    },
    handle(request, response) {
      try {
        (pathOf(request.url) === VERIFY_PATH ? verify : whoami)(request, response);
      } catch (error) {
        failed(response)(error);
      }
    },
    flush,
    async close() {
      clearInterval(flushTimer);
      clearInterval(purgeTimer);
      clearTimeout(firstPurge);
      deadlines.stop();
      await flush();
      await listener.close();
      await pool.end();
      await lookupPool.end();
    },
  };
}
