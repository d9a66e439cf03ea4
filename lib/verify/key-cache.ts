import * as crypto from "node:crypto";
import type { KeyRecord } from "./key-record";

// A record is trusted for this long after the database confirmed it: the
// bound on how long a revocation can go unseen when notifications are lost.
export const CONFIRM_TTL_MS = 5_000;
// Past this age a hit is still served but refreshed in the background, so
// busy keys rarely wait for the database. Each entry adds up to
// REFRESH_JITTER_MS of its own, so keys loaded together (at start, after a
// flush) do not all fall due, and stall the event loop, in the same tick.
export const REFRESH_AFTER_MS = 3_000;
export const REFRESH_JITTER_MS = 1_500;

// How often a hit moves its entry to the most recently used end: moving it
// on every hit would cost a Map delete and insert per verification, and
// order to the second is all eviction needs.
export const RECENCY_RESOLUTION_MS = 1_000;

// An entry remembers the stored hash it was loaded by, for its refreshes.
type Entry = { record: KeyRecord | null; hash: string; confirmedAt: number; refreshAt: number; usedAt: number };

export type Lookup = { status: "hit"; record: KeyRecord | null } | { status: "unavailable" };

// What a cached record is found by: SHA-256 of the secret. A cache key needs
// only collision resistance (the secret's 238 random bits leave nothing to
// guess from it), and one-shot SHA-256 costs a fifth of the keyed HMAC the
// database stores, which is computed only when the database must be asked.
export function lookupKeyFor(secret: string): string {
  return crypto.hash("sha256", secret, "base64");
}

// Key records by lookup key, least recently used (to the second) first out; unknown keys are
// cached too (as null). Lookups for the same key share one database call.
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly lookupKeyById = new Map<string, string>();
  private readonly inFlight = new Map<string, { generation: number; promise: Promise<Entry | null> }>();
  private generation = 0;

  constructor(
    private readonly load: (hash: string) => Promise<KeyRecord | null>,
    private readonly options: { maxEntries: number; now?: () => number; random?: () => number; onLoadError?: (error: unknown) => void },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get size(): number {
    return this.entries.size;
  }

  // The fresh entry for a lookup key, without waiting; undefined when the
  // database must be asked (use lookup).
  peek(lookupKey: string): { record: KeyRecord | null } | undefined {
    const entry = this.entries.get(lookupKey);
    if (!entry) return undefined;
    const now = this.now();
    if (now - entry.confirmedAt >= CONFIRM_TTL_MS) return undefined;
    if (now - entry.usedAt >= RECENCY_RESOLUTION_MS) {
      entry.usedAt = now;
      this.entries.delete(lookupKey);
      this.entries.set(lookupKey, entry);
    }
    if (now >= entry.refreshAt) void this.refresh(lookupKey, entry.hash);
    return entry;
  }

  // hash: the stored hash of the very secret lookupKey was made from, which
  // the database is asked by. The cache cannot check that the two belong
  // together: a record loaded by one secret's hash would be filed under the
  // other's lookup key, so the caller derives both from the key presented.
  async lookup(lookupKey: string, hash: string): Promise<Lookup> {
    const fresh = this.peek(lookupKey);
    if (fresh) return { status: "hit", record: fresh.record };
    const refreshed = await this.refresh(lookupKey, hash);
    return refreshed ? { status: "hit", record: refreshed.record } : { status: "unavailable" };
  }

  private refresh(lookupKey: string, hash: string): Promise<Entry | null> {
    // A load that started before a revocation may answer with the record as
    // it was: a lookup after the revocation starts its own.
    const pending = this.inFlight.get(lookupKey);
    if (pending && pending.generation === this.generation) return pending.promise;
    const generation = this.generation;
    const startedAt = this.now();
    const promise = this.load(hash)
      .then((record) => {
        const jitter = Math.floor((this.options.random ?? Math.random)() * REFRESH_JITTER_MS);
        const entry = { record, hash, confirmedAt: startedAt, refreshAt: startedAt + REFRESH_AFTER_MS + jitter, usedAt: this.now() };
        // A flush while loading (a revocation arrived) makes this answer suspect.
        if (generation === this.generation) this.store(lookupKey, entry);
        return entry;
      })
      .catch((error: unknown) => {
        this.options.onLoadError?.(error);
        return null;
      })
      .finally(() => {
        if (this.inFlight.get(lookupKey)?.promise === promise) this.inFlight.delete(lookupKey);
      });
    this.inFlight.set(lookupKey, { generation, promise });
    return promise;
  }

  private store(lookupKey: string, entry: Entry): void {
    this.entries.delete(lookupKey);
    this.entries.set(lookupKey, entry);
    if (entry.record) this.lookupKeyById.set(entry.record.id, lookupKey);
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      const evicted = this.entries.get(oldest);
      this.entries.delete(oldest);
      if (evicted?.record) this.lookupKeyById.delete(evicted.record.id);
    }
  }

  evictKey(keyId: string): void {
    const lookupKey = this.lookupKeyById.get(keyId);
    this.lookupKeyById.delete(keyId);
    if (lookupKey) this.entries.delete(lookupKey);
    this.generation++;
  }

  flush(): void {
    this.entries.clear();
    this.lookupKeyById.clear();
    this.generation++;
  }
}
