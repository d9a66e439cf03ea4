import { describe, expect, it } from "vitest";
import { CLIENT_WINDOW_MS, MANY_USER_AGENTS, MAX_ADDRESSES_PER_KEY, MAX_CLIENTS_PER_KEY, UsageRecorder, type Usage } from "./usage-recorder";

const usage = (overrides: Partial<Usage> = {}): Usage => ({
  keyId: "k1",
  organizationId: "o1",
  at: 1000,
  ipAddress: "10.0.0.1",
  viaAddress: null,
  userAgent: "sdk/1.0",
  scope: "DATASET",
  action: "read",
  outcome: "ALLOWED",
  ...overrides,
});

describe("UsageRecorder", () => {
  it("keeps one Last Used per key, only moving forward", () => {
    const recorder = new UsageRecorder();
    recorder.record(usage({ at: 3000 }));
    recorder.record(usage({ at: 2000 }));
    recorder.record(usage({ keyId: "k2", at: 1500 }));
    expect(Object.fromEntries(recorder.take().lastUsed)).toEqual({ k1: 3000, k2: 1500 });
    expect(recorder.pending).toBe(0);
  });

  it("coalesces identical requests into one activity row with a count", () => {
    const recorder = new UsageRecorder();
    for (const at of [1000, 4000, 2000]) recorder.record(usage({ at }));
    recorder.record(usage({ action: "write", outcome: "DENIED" }));
    recorder.record(usage({ ipAddress: "10.0.0.2" }));
    const { activity } = recorder.take();
    expect(activity).toHaveLength(3);
    expect(activity[0]).toMatchObject({ firstSeenAt: 1000, lastSeenAt: 4000, requestCount: 3 });
  });

  it("counts each client's repeats on its own row, however their calls interleave, and starts afresh after a batch is taken", () => {
    const recorder = new UsageRecorder();
    const clients = [usage(), usage({ userAgent: "cli/2.0" }), usage({ ipAddress: "10.0.0.2" }), usage({ viaAddress: "10.0.0.9" }), usage({ scope: null })];
    const calls = [0, 0, 1, 1, 0, 2, 2, 2, 3, 4, 4, 3, 0];
    for (const [i, client] of calls.entries()) recorder.record({ ...clients[client], at: 1000 + i });
    const counts = recorder
      .take()
      .activity.map((row) => [
        clients.findIndex((c) => c.ipAddress === row.ipAddress && c.viaAddress === row.viaAddress && c.userAgent === row.userAgent && c.scope === row.scope),
        row.requestCount,
      ]);
    expect(Object.fromEntries(counts)).toEqual({ 0: 4, 1: 2, 2: 3, 3: 2, 4: 2 });
    recorder.record(usage({ at: 5000 }));
    recorder.record(usage({ at: 6000 }));
    expect(recorder.take().activity).toEqual([expect.objectContaining({ requestCount: 2, firstSeenAt: 5000, lastSeenAt: 6000 })]);
  });

  it("does not count a refused (revoked) key as used, but keeps its activity", () => {
    const recorder = new UsageRecorder();
    recorder.record(usage({ outcome: "REVOKED" }));
    const batch = recorder.take();
    expect(batch.lastUsed.size).toBe(0);
    expect(batch.activity[0]).toMatchObject({ outcome: "REVOKED", requestCount: 1 });
  });

  it("never queues a value the database would refuse", () => {
    const recorder = new UsageRecorder();
    const odd = Object.prototype as unknown as Usage["scope"];
    for (const bad of [
      { scope: odd },
      { scope: "constructor" as Usage["scope"] },
      { userAgent: "sdk\u0000" },
      { ipAddress: "x".repeat(100) },
      { outcome: "__proto__" as Usage["outcome"] },
      { at: Number.NaN },
    ]) {
      recorder.record(usage(bad));
    }
    expect(recorder.pending).toBe(0);
    expect(recorder.rejected).toBe(6);
    recorder.record(usage());
    expect(recorder.take().activity).toHaveLength(1);
  });

  it("past the client cap, counts a whole IPv6 /64 as one address", () => {
    const recorder = new UsageRecorder();
    for (let i = 0; i < MAX_CLIENTS_PER_KEY; i++) recorder.record(usage({ userAgent: `filler/${i}` }));
    for (let i = 0; i < 50; i++) recorder.record(usage({ ipAddress: `2001:db8:1:2::${(i + 1).toString(16)}`, userAgent: `rotating/${i}` }));
    const grouped = recorder.take().activity.filter((row) => row.userAgent === MANY_USER_AGENTS);
    expect(grouped).toEqual([expect.objectContaining({ ipAddress: "2001:db8:1:2::/64", requestCount: 50 })]);
  });

  it("past the client cap, keeps new addresses and what they did without their user agents, then counts the rest in one overflow row", () => {
    const recorder = new UsageRecorder();
    // A flood of made-up user agents from one address fills the client cap...
    for (let i = 0; i < MAX_CLIENTS_PER_KEY + 500; i++) recorder.record(usage({ userAgent: `flood/${i}` }));
    // ...but a thief's use from another address still shows, with its request.
    recorder.record(usage({ ipAddress: "198.51.100.77", userAgent: "exfil-tool", scope: "TRAINING", action: "write" }));
    recorder.record(usage({ keyId: "k2" }));
    const { activity } = recorder.take();
    const k1 = activity.filter((row) => row.keyId === "k1");
    expect(k1).toHaveLength(MAX_CLIENTS_PER_KEY + 2);
    expect(k1.find((row) => row.ipAddress === "10.0.0.1" && row.userAgent === MANY_USER_AGENTS)).toMatchObject({ requestCount: 500, overflow: false });
    expect(k1.find((row) => row.ipAddress === "198.51.100.77")).toMatchObject({ scope: "TRAINING", action: "write", userAgent: MANY_USER_AGENTS });
    expect(activity.filter((row) => row.keyId === "k2")).toHaveLength(1);
    // Past the address cap too: one overflow row.
    for (let i = 0; i < MAX_ADDRESSES_PER_KEY + 10; i++) recorder.record(usage({ ipAddress: `10.1.${i >> 8}.${i & 255}`, userAgent: `x${i}` }));
    const later = recorder.take().activity.filter((row) => row.keyId === "k1");
    // 2 addresses were already kept in this window, so 998 more fit and 12 overflow.
    expect(later.find((row) => row.overflow)).toMatchObject({ ipAddress: "*", userAgent: null, scope: "DATASET", action: "read", requestCount: 12 });
    // Even in the overflow, what was done stays apart: a write is its own row.
    recorder.record(usage({ ipAddress: "10.9.9.9", userAgent: "late", scope: "TRAINING", action: "write" }));
    expect(recorder.take().activity.find((row) => row.overflow)).toMatchObject({ scope: "TRAINING", action: "write" });
    // A new window admits new clients again.
    recorder.record(usage({ userAgent: "fresh", at: 1000 + CLIENT_WINDOW_MS }));
    expect(recorder.take().activity[0]).toMatchObject({ userAgent: "fresh", overflow: false });
  });
});
