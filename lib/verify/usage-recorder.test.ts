import { describe, expect, it } from "vitest";
import { UsageRecorder, type Usage } from "./usage-recorder";

const usage = (overrides: Partial<Usage> = {}): Usage => ({
  keyId: "k1",
  organizationId: "o1",
  at: 1000,
  ipAddress: "10.0.0.1",
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

  it("merges a batch that failed to write back with newer traffic", () => {
    const recorder = new UsageRecorder();
    recorder.record(usage({ at: 1000 }));
    const failed = recorder.take();
    recorder.record(usage({ at: 5000 }));
    recorder.putBack(failed);
    const batch = recorder.take();
    expect(batch.lastUsed.get("k1")).toBe(5000);
    expect(batch.activity).toEqual([expect.objectContaining({ firstSeenAt: 1000, lastSeenAt: 5000, requestCount: 2 })]);
  });
});
