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

type Entry = { record: KeyRecord | null; confirmedAt: number; refreshAt: number };

export type Lookup = { status: "hit"; record: KeyRecord | null } | { status: "unavailable" };

// Key records by hash, least recently used first out; unknown hashes are
// cached too (as null). Lookups for the same hash share one database call.
export class KeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly hashById = new Map<string, string>();
  private readonly inFlight = new Map<string, Promise<Entry | null>>();
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

  // The fresh entry for a hash, without waiting; undefined when the database
  // must be asked (use lookup).
  peek(hash: string): { record: KeyRecord | null } | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    const age = this.now() - entry.confirmedAt;
    if (age >= CONFIRM_TTL_MS) return undefined;
    this.entries.delete(hash);
    this.entries.set(hash, entry);
    if (this.now() >= entry.refreshAt) void this.refresh(hash);
    return entry;
  }

  async lookup(hash: string): Promise<Lookup> {
    const fresh = this.peek(hash);
    if (fresh) return { status: "hit", record: fresh.record };
    const refreshed = await this.refresh(hash);
    return refreshed ? { status: "hit", record: refreshed.record } : { status: "unavailable" };
  }

  private refresh(hash: string): Promise<Entry | null> {
    const pending = this.inFlight.get(hash);
    if (pending) return pending;
    const generation = this.generation;
    const startedAt = this.now();
    const promise = this.load(hash)
      .then((record) => {
        const jitter = Math.floor((this.options.random ?? Math.random)() * REFRESH_JITTER_MS);
        const entry = { record, confirmedAt: startedAt, refreshAt: startedAt + REFRESH_AFTER_MS + jitter };
        // A flush while loading (a revocation arrived) makes this answer suspect.
        if (generation === this.generation) this.store(hash, entry);
        return entry;
      })
      .catch((error: unknown) => {
        this.options.onLoadError?.(error);
        return null;
      })
      .finally(() => this.inFlight.delete(hash));
    this.inFlight.set(hash, promise);
    return promise;
  }

  private store(hash: string, entry: Entry): void {
    this.entries.delete(hash);
    this.entries.set(hash, entry);
    if (entry.record) this.hashById.set(entry.record.id, hash);
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      const evicted = this.entries.get(oldest);
      this.entries.delete(oldest);
      if (evicted?.record) this.hashById.delete(evicted.record.id);
    }
  }

  evictKey(keyId: string): void {
    const hash = this.hashById.get(keyId);
    this.hashById.delete(keyId);
    if (hash) this.entries.delete(hash);
    this.generation++;
  }

  flush(): void {
    this.entries.clear();
    this.hashById.clear();
    this.generation++;
  }
}
