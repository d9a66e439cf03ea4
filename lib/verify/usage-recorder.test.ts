import { describe, expect, it } from "vitest";
import { CLIENT_WINDOW_MS, MAX_CLIENTS_PER_KEY, UsageRecorder, type Usage } from "./usage-recorder";

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

  it("caps the distinct clients of one key per window, counting the rest in one overflow row", () => {
    const recorder = new UsageRecorder();
    for (let i = 0; i < MAX_CLIENTS_PER_KEY + 500; i++) recorder.record(usage({ userAgent: `flood/${i}` }));
    recorder.record(usage({ keyId: "k2" }));
    const { activity } = recorder.take();
    const k1 = activity.filter((row) => row.keyId === "k1");
    expect(k1).toHaveLength(MAX_CLIENTS_PER_KEY + 1);
    expect(k1.find((row) => row.overflow)).toMatchObject({ requestCount: 500, ipAddress: "*", userAgent: null });
    expect(activity.filter((row) => row.keyId === "k2")).toHaveLength(1);
    // The window outlives a batch: known clients stay, new ones still overflow.
    recorder.record(usage({ userAgent: "flood/0", at: 2000 }));
    recorder.record(usage({ userAgent: "yet another", at: 2000 }));
    expect(recorder.take().activity.map((row) => [row.userAgent, row.overflow])).toEqual([
      ["flood/0", false],
      [null, true],
    ]);
    // A new window admits new clients again.
    recorder.record(usage({ userAgent: "fresh", at: 1000 + CLIENT_WINDOW_MS }));
    expect(recorder.take().activity[0]).toMatchObject({ userAgent: "fresh", overflow: false });
  });
});
