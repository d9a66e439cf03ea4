import { SCOPES, type Scope } from "@/lib/keys/key-model";
import { addressGroup } from "@/lib/net/address-group";
import { CONTROL_CHARACTERS } from "@/lib/validation/stored-text";

export const OUTCOMES = ["ALLOWED", "DENIED", "REVOKED", "RATE_LIMITED"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type Usage = {
  keyId: string;
  organizationId: string;
  at: number;
  // The end client; viaAddress is the calling service's own address when a
  // trusted service reported the end client, else null.
  ipAddress: string;
  viaAddress: string | null;
  userAgent: string | null;
  scope: Scope | null;
  action: string | null;
  outcome: Outcome;
};

export type ActivityRow = Omit<Usage, "at"> & { firstSeenAt: number; lastSeenAt: number; requestCount: number; overflow: boolean };

export type UsageBatch = { lastUsed: Map<string, number>; activity: ActivityRow[] };

const MAX_ACTIVITY_ROWS = 50_000;
// Distinct clients (address, user agent, request, outcome) one key may add in
// a window. Past that, new clients are kept without their user agent (so a
// flood of made-up user agents cannot hide a new address or what it did
// from a compromise review), up to MAX_ADDRESSES_PER_KEY; the rest are
// counted in one overflow row. The writer merges a window's overflow rows.
export const MAX_CLIENTS_PER_KEY = 100;
export const MAX_ADDRESSES_PER_KEY = 1_000;
export const CLIENT_WINDOW_MS = 10 * 60_000;
export const MANY_USER_AGENTS = "(not kept: too many clients)";
const MAX_TRACKED_KEYS = 100_000;

const SCOPE_SET = new Set<string | null>([...SCOPES, null]);
const OUTCOME_SET = new Set<string>(OUTCOMES);
const text = (value: unknown, max: number) => typeof value === "string" && value.length <= max && !CONTROL_CHARACTERS.test(value);

// Checked once per new activity row (not per request): a value the database
// would refuse never enters a batch, so one odd request cannot wedge the
// writer for every key.
export function isRecordable(usage: Usage): boolean {
  return (
    text(usage.keyId, 64) &&
    text(usage.organizationId, 64) &&
    Number.isFinite(usage.at) &&
    text(usage.ipAddress, 64) &&
    (usage.viaAddress === null || text(usage.viaAddress, 64)) &&
    (usage.userAgent === null || text(usage.userAgent, 500)) &&
    SCOPE_SET.has(usage.scope) &&
    (usage.action === null || text(usage.action, 20)) &&
    OUTCOME_SET.has(usage.outcome)
  );
}

const activityId = (row: Omit<Usage, "at">) =>
  `${row.keyId}\u0000${row.ipAddress}\u0000${row.viaAddress}\u0000${row.userAgent}\u0000${row.scope}\u0000${row.action}\u0000${row.outcome}`;
const addressId = (row: Omit<Usage, "at">) =>
  `${row.keyId}\u0000address\u0000${addressGroup(row.ipAddress)}\u0000${row.viaAddress}\u0000${row.scope}\u0000${row.action}\u0000${row.outcome}`;
const overflowId = (row: Omit<Usage, "at">) => `${row.keyId}\u0000overflow\u0000${row.scope}\u0000${row.action}\u0000${row.outcome}`;

// The same activity row's usage (same key aside), as activityId tells.
const sameClient = (a: Usage, b: Usage) =>
  a.ipAddress === b.ipAddress &&
  a.viaAddress === b.viaAddress &&
  a.userAgent === b.userAgent &&
  a.scope === b.scope &&
  a.action === b.action &&
  a.outcome === b.outcome;

type Admission = "client" | "address" | "overflow";

// Collects verification traffic in memory and hands it over in batches: one
// Last Used time per key and one activity row per distinct (key, client,
// scope, action, outcome), so the database sees a few rows, not a write per
// request. Refused (revoked) keys do not count as used.
export class UsageRecorder {
  private lastUsed = new Map<string, number>();
  private activity = new Map<string, ActivityRow>();
  private clientsPerKey = new Map<string, { startedAt: number; clients: Set<string>; addresses: Set<string> }>();
  // Each key's latest repeat and its row: a client calling again, the usual
  // case, is found without building its activity id.
  private latestRepeat = new Map<string, { usage: Usage; row: ActivityRow }>();
  dropped = 0;
  rejected = 0;

  // On the hot path of every verification: a repeat only bumps counters.
  record(usage: Usage): void {
    const latest = this.latestRepeat.get(usage.keyId);
    const existing = latest && sameClient(latest.usage, usage) ? latest.row : this.activity.get(activityId(usage));
    if (existing) {
      if (latest?.row !== existing) this.latestRepeat.set(usage.keyId, { usage, row: existing });
      if (usage.outcome !== "REVOKED") this.markUsed(usage.keyId, usage.at);
      existing.requestCount++;
      if (usage.at > existing.lastSeenAt) existing.lastSeenAt = usage.at;
      if (usage.at < existing.firstSeenAt) existing.firstSeenAt = usage.at;
      return;
    }
    if (!isRecordable(usage)) {
      this.rejected++;
      return;
    }
    if (usage.outcome !== "REVOKED") this.markUsed(usage.keyId, usage.at);
    this.merge({
      keyId: usage.keyId,
      organizationId: usage.organizationId,
      ipAddress: usage.ipAddress,
      viaAddress: usage.viaAddress,
      userAgent: usage.userAgent,
      scope: usage.scope,
      action: usage.action,
      outcome: usage.outcome,
      firstSeenAt: usage.at,
      lastSeenAt: usage.at,
      requestCount: 1,
      overflow: false,
    });
  }

  get pending(): number {
    return this.lastUsed.size + this.activity.size;
  }

  take(): UsageBatch {
    const batch = { lastUsed: this.lastUsed, activity: [...this.activity.values()] };
    this.lastUsed = new Map();
    this.activity = new Map();
    this.latestRepeat = new Map();
    return batch;
  }

  private markUsed(keyId: string, at: number): void {
    const previous = this.lastUsed.get(keyId);
    if (previous === undefined || at > previous) this.lastUsed.set(keyId, at);
  }

  // How much of this client the key may keep in its current window.
  private admits(row: ActivityRow): Admission {
    let window = this.clientsPerKey.get(row.keyId);
    if (!window || row.firstSeenAt - window.startedAt >= CLIENT_WINDOW_MS) {
      if (!window && this.clientsPerKey.size >= MAX_TRACKED_KEYS) this.forgetOldWindows(row.firstSeenAt);
      window = { startedAt: row.firstSeenAt, clients: new Set(), addresses: new Set() };
      this.clientsPerKey.set(row.keyId, window);
    }
    const client = activityId(row);
    if (window.clients.has(client)) return "client";
    if (window.clients.size < MAX_CLIENTS_PER_KEY) {
      window.clients.add(client);
      return "client";
    }
    const address = addressId(row);
    if (window.addresses.has(address)) return "address";
    if (window.addresses.size < MAX_ADDRESSES_PER_KEY) {
      window.addresses.add(address);
      return "address";
    }
    return "overflow";
  }

  private forgetOldWindows(now: number): void {
    for (const [keyId, window] of this.clientsPerKey) {
      if (now - window.startedAt >= CLIENT_WINDOW_MS) this.clientsPerKey.delete(keyId);
    }
    if (this.clientsPerKey.size >= MAX_TRACKED_KEYS) this.clientsPerKey.delete(this.clientsPerKey.keys().next().value as string);
  }

  private merge(row: ActivityRow): void {
    const admission = this.admits(row);
    const overflow = admission === "overflow";
    const id = admission === "client" ? activityId(row) : admission === "address" ? addressId(row) : overflowId(row);
    const existing = this.activity.get(id);
    if (existing) {
      existing.requestCount += row.requestCount;
      existing.firstSeenAt = Math.min(existing.firstSeenAt, row.firstSeenAt);
      existing.lastSeenAt = Math.max(existing.lastSeenAt, row.lastSeenAt);
    } else if (this.activity.size < MAX_ACTIVITY_ROWS) {
      const kept =
        admission === "client"
          ? row
          : admission === "address"
            ? { ...row, ipAddress: addressGroup(row.ipAddress), userAgent: MANY_USER_AGENTS }
            : { ...row, ipAddress: "*", viaAddress: null, userAgent: null, overflow };
      this.activity.set(id, kept);
    } else {
      this.dropped += row.requestCount;
    }
  }
}
