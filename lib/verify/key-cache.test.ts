import { describe, expect, it } from "vitest";
import { CONFIRM_TTL_MS, KeyCache, RECENCY_RESOLUTION_MS, REFRESH_AFTER_MS, REFRESH_JITTER_MS } from "./key-cache";
import type { KeyRecord } from "./key-record";

const record = (id: string): KeyRecord => ({
  id,
  organizationId: "org",
  name: id,
  environment: "PRODUCTION",
  scopes: ["DATASET"],
  permission: "FULL",
  restrictedActions: null,
  expiresAt: null,
  deletedAt: null,
  rateLimitPerMinute: null,
});

function setup(options: { maxEntries?: number; random?: () => number } = {}) {
  let now = 1_000_000;
  const calls: string[] = [];
  const db = new Map<string, KeyRecord>([
    ["h1", record("k1")],
    ["h2", record("k2")],
    ["h3", record("k3")],
  ]);
  let down = false;
  const cache = new KeyCache(
    async (hash) => {
      calls.push(hash);
      if (down) throw new Error("database unreachable");
      return db.get(hash) ?? null;
    },
    { maxEntries: options.maxEntries ?? 100, now: () => now, random: options.random ?? (() => 0) },
  );
  // Lookup keys unlike the stored hashes, so a load by the wrong one shows.
  const lookupKey = (hash: string) => `lookup ${hash}`;
  return {
    cache,
    lookup: (hash: string) => cache.lookup(lookupKey(hash), hash),
    peek: (hash: string) => cache.peek(lookupKey(hash)),
    calls,
    db,
    advance: (ms: number) => (now += ms),
    setDown: (value: boolean) => (down = value),
  };
}

describe("KeyCache", () => {
  it("spreads the background refreshes of records loaded together", async () => {
    const draws = [0, 0.5, 0.999];
    const { lookup, peek, calls, advance } = setup({ random: () => draws.shift() ?? 0 });
    for (const hash of ["h1", "h2", "h3"]) await lookup(hash);
    calls.length = 0;
    const dueAfter: number[] = [];
    for (let waited = 0; waited <= REFRESH_AFTER_MS + REFRESH_JITTER_MS; waited += 100) {
      for (const hash of ["h1", "h2", "h3"]) peek(hash);
      await Promise.resolve();
      while (dueAfter.length < calls.length) dueAfter.push(waited);
      advance(100);
    }
    expect(calls).toEqual(["h1", "h2", "h3"]);
    expect(new Set(dueAfter).size).toBe(3);
    expect(Math.max(...dueAfter)).toBeLessThan(CONFIRM_TTL_MS);
  });

  it("answers from memory while a record is fresh, and asks again once it is not", async () => {
    const { lookup, calls, advance } = setup();
    expect(await lookup("h1")).toEqual({ status: "hit", record: record("k1") });
    advance(REFRESH_AFTER_MS - 1);
    await lookup("h1");
    expect(calls).toEqual(["h1"]);
    advance(CONFIRM_TTL_MS);
    await lookup("h1");
    expect(calls).toEqual(["h1", "h1"]);
  });

  it("refreshes in the background after a while, still answering at once", async () => {
    const { lookup, calls, advance } = setup();
    await lookup("h1");
    advance(REFRESH_AFTER_MS);
    expect(await lookup("h1")).toEqual({ status: "hit", record: record("k1") });
    expect(calls).toEqual(["h1", "h1"]);
  });

  it("caches unknown hashes too", async () => {
    const { lookup, calls } = setup();
    expect(await lookup("nope")).toEqual({ status: "hit", record: null });
    await lookup("nope");
    expect(calls).toEqual(["nope"]);
  });

  it("shares one database call between concurrent lookups of a hash", async () => {
    const { lookup, calls } = setup();
    await Promise.all([lookup("h2"), lookup("h2"), lookup("h2")]);
    expect(calls).toEqual(["h2"]);
  });

  it("is unavailable, never stale, once a record is unconfirmed for too long and the database is down", async () => {
    const { lookup, advance, setDown } = setup();
    await lookup("h1");
    setDown(true);
    advance(REFRESH_AFTER_MS);
    expect((await lookup("h1")).status).toBe("hit");
    advance(CONFIRM_TTL_MS);
    expect(await lookup("h1")).toEqual({ status: "unavailable" });
    expect(await lookup("h2")).toEqual({ status: "unavailable" });
    setDown(false);
    expect(await lookup("h1")).toEqual({ status: "hit", record: record("k1") });
  });

  it("forgets a key by id, and everything on flush", async () => {
    const { cache, lookup, calls, db } = setup();
    await lookup("h1");
    await lookup("h2");
    db.set("h1", { ...record("k1"), deletedAt: 5 });
    cache.evictKey("k1");
    expect((await lookup("h1")) as { record: KeyRecord }).toMatchObject({ record: { deletedAt: 5 } });
    cache.flush();
    expect(cache.size).toBe(0);
    await lookup("h2");
    expect(calls).toEqual(["h1", "h2", "h1", "h2"]);
  });

  it("does not keep an answer loaded while a revocation arrived", async () => {
    let release: () => void = () => {};
    const cache = new KeyCache(() => new Promise((resolve) => (release = () => resolve(record("k1")))), { maxEntries: 10 });
    const pending = cache.lookup("lookup h1", "h1");
    cache.evictKey("k1");
    release();
    await pending;
    expect(cache.size).toBe(0);
  });

  it("a lookup after a revocation never joins a load that started before it", async () => {
    const releases: (() => void)[] = [];
    let deleted = false;
    const cache = new KeyCache(
      () =>
        new Promise<KeyRecord>((resolve) => {
          const answer = { ...record("k1"), deletedAt: deleted ? 5 : null };
          releases.push(() => resolve(answer));
        }),
      { maxEntries: 10 },
    );
    const before = cache.lookup("lookup h1", "h1");
    deleted = true;
    cache.evictKey("k1");
    const after = cache.lookup("lookup h1", "h1");
    for (const release of releases) release();
    expect(await before).toMatchObject({ record: { deletedAt: null } });
    expect(await after).toMatchObject({ record: { deletedAt: 5 } });
  });

  it("keeps at most maxEntries, dropping the least recently used (to the second)", async () => {
    const { cache, lookup, calls, advance } = setup({ maxEntries: 2 });
    await lookup("h1");
    await lookup("h2");
    advance(RECENCY_RESOLUTION_MS);
    await lookup("h1");
    await lookup("h3");
    expect(cache.size).toBe(2);
    await lookup("h1");
    await lookup("h2");
    expect(calls).toEqual(["h1", "h2", "h3", "h2"]);
  });

  it("moves a hit within the same second no further: the first entry used goes first", async () => {
    const { lookup, calls } = setup({ maxEntries: 2 });
    await lookup("h1");
    await lookup("h2");
    await lookup("h1");
    await lookup("h3");
    await lookup("h2");
    expect(calls).toEqual(["h1", "h2", "h3"]);
  });
});
