import { describe, expect, it, vi } from "vitest";
import { createReadiness, type DatabaseState } from "./readiness";

function setup(state: DatabaseState | (() => Promise<DatabaseState>), flags: { listening?: boolean; stopping?: boolean } = {}) {
  let clock = 1_000;
  const checkDatabase = vi.fn(typeof state === "function" ? state : async () => state);
  const readiness = createReadiness({
    checkDatabase,
    listening: () => flags.listening ?? true,
    stopping: () => flags.stopping ?? false,
    ttlMs: 2_000,
    now: () => clock,
  });
  return { readiness, checkDatabase, advance: (ms: number) => (clock += ms) };
}

describe("createReadiness", () => {
  it("is ready when the database answers with every migration applied and the listener is up", async () => {
    expect(await setup("ok").readiness()).toEqual({ ready: true });
  });

  it("names one short reason otherwise", async () => {
    expect(await setup("unreachable").readiness()).toEqual({ ready: false, reason: "database" });
    expect(await setup("migrations pending").readiness()).toEqual({ ready: false, reason: "migrations" });
    expect(await setup("ok", { listening: false }).readiness()).toEqual({ ready: false, reason: "notifications" });
    expect(await setup("ok", { stopping: true }).readiness()).toEqual({ ready: false, reason: "stopping" });
    expect(await setup(() => Promise.reject(new Error("password authentication failed"))).readiness()).toEqual({ ready: false, reason: "database" });
  });

  it("asks the database at most once per ttl, however many requests arrive (no amplifier)", async () => {
    const { readiness, checkDatabase, advance } = setup("ok");
    await Promise.all(Array.from({ length: 1_000 }, () => readiness()));
    await readiness();
    expect(checkDatabase).toHaveBeenCalledTimes(1);
    advance(2_000);
    await Promise.all([readiness(), readiness()]);
    expect(checkDatabase).toHaveBeenCalledTimes(2);
  });

  it("shares one check in flight and counts a hung one as unreachable", async () => {
    vi.useFakeTimers();
    try {
      const { readiness, checkDatabase } = setup(() => new Promise<DatabaseState>(() => {}));
      const answers = Promise.all([readiness(), readiness(), readiness()]);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(await answers).toEqual(Array(3).fill({ ready: false, reason: "database" }));
      expect(checkDatabase).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
