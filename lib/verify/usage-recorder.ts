import type { Scope } from "@/lib/keys/key-model";

export type Outcome = "ALLOWED" | "DENIED" | "REVOKED";

export type Usage = {
  keyId: string;
  organizationId: string;
  at: number;
  ipAddress: string;
  userAgent: string | null;
  scope: Scope | null;
  action: string | null;
  outcome: Outcome;
};

export type ActivityRow = Omit<Usage, "at"> & { firstSeenAt: number; lastSeenAt: number; requestCount: number };

export type UsageBatch = { lastUsed: Map<string, number>; activity: ActivityRow[] };

const MAX_ACTIVITY_ROWS = 50_000;

const activityId = (row: Omit<Usage, "at">) =>
  `${row.keyId}\u0000${row.ipAddress}\u0000${row.userAgent}\u0000${row.scope}\u0000${row.action}\u0000${row.outcome}`;

// Collects verification traffic in memory and hands it over in batches: one
// Last Used time per key and one activity row per distinct (key, client,
// scope, action, outcome), so the database sees a few rows, not a write per
// request. Refused (revoked) keys do not count as used.
export class UsageRecorder {
  private lastUsed = new Map<string, number>();
  private activity = new Map<string, ActivityRow>();
  dropped = 0;

  // On the hot path of every verification: a repeat only bumps counters.
  record(usage: Usage): void {
    if (usage.outcome !== "REVOKED") this.markUsed(usage.keyId, usage.at);
    const existing = this.activity.get(activityId(usage));
    if (existing) {
      existing.requestCount++;
      if (usage.at > existing.lastSeenAt) existing.lastSeenAt = usage.at;
      if (usage.at < existing.firstSeenAt) existing.firstSeenAt = usage.at;
      return;
    }
    this.merge({
      keyId: usage.keyId,
      organizationId: usage.organizationId,
      ipAddress: usage.ipAddress,
      userAgent: usage.userAgent,
      scope: usage.scope,
      action: usage.action,
      outcome: usage.outcome,
      firstSeenAt: usage.at,
      lastSeenAt: usage.at,
      requestCount: 1,
    });
  }

  get pending(): number {
    return this.lastUsed.size + this.activity.size;
  }

  take(): UsageBatch {
    const batch = { lastUsed: this.lastUsed, activity: [...this.activity.values()] };
    this.lastUsed = new Map();
    this.activity = new Map();
    return batch;
  }

  // A batch that could not be written goes back, merged with newer traffic.
  putBack(batch: UsageBatch): void {
    for (const [keyId, at] of batch.lastUsed) this.markUsed(keyId, at);
    for (const row of batch.activity) this.merge({ ...row });
  }

  private markUsed(keyId: string, at: number): void {
    const previous = this.lastUsed.get(keyId);
    if (previous === undefined || at > previous) this.lastUsed.set(keyId, at);
  }

  private merge(row: ActivityRow): void {
    const id = activityId(row);
    const existing = this.activity.get(id);
    if (existing) {
      existing.requestCount += row.requestCount;
      existing.firstSeenAt = Math.min(existing.firstSeenAt, row.firstSeenAt);
      existing.lastSeenAt = Math.max(existing.lastSeenAt, row.lastSeenAt);
    } else if (this.activity.size < MAX_ACTIVITY_ROWS) {
      this.activity.set(id, row);
    } else {
      this.dropped += row.requestCount;
    }
  }
}
