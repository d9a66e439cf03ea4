import { describe, expect, it } from "vitest";
import { bucketStarts, lastBucketStart, parseUsageRange, retentionNote, usageWindow } from "./usage-window";

const now = new Date("2026-11-27T14:35:12.345Z");

describe("usageWindow", () => {
  it("cuts the last 24 hours into hours ending with the current one", () => {
    const window = usageWindow("24h", now);
    expect(window).toMatchObject({ unit: "hour", bucketCount: 24 });
    expect(window.start.toISOString()).toBe("2026-11-26T15:00:00.000Z");
    expect(window.end.toISOString()).toBe("2026-11-27T15:00:00.000Z");
    expect(lastBucketStart(window).toISOString()).toBe("2026-11-27T14:00:00.000Z");
  });

  it("cuts 7 and 30 days into UTC days ending with today", () => {
    const week = usageWindow("7d", now);
    expect(week.start.toISOString()).toBe("2026-11-21T00:00:00.000Z");
    expect(week.end.toISOString()).toBe("2026-11-28T00:00:00.000Z");
    const month = usageWindow("30d", now);
    expect(month.bucketCount).toBe(30);
    expect(month.start.toISOString()).toBe("2026-10-29T00:00:00.000Z");
  });

  it("puts an instant exactly on a boundary in the bucket it starts", () => {
    const window = usageWindow("7d", new Date("2026-11-27T00:00:00.000Z"));
    expect(lastBucketStart(window).toISOString()).toBe("2026-11-27T00:00:00.000Z");
  });

  it("lists every bucket start, in order", () => {
    const starts = bucketStarts(usageWindow("7d", now)).map((date) => date.toISOString().slice(0, 10));
    expect(starts).toEqual(["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]);
    expect(bucketStarts(usageWindow("24h", now))).toHaveLength(24);
  });
});

describe("parseUsageRange", () => {
  it("accepts only the allowed ranges", () => {
    expect(parseUsageRange("30d", ["7d", "30d"], "7d")).toBe("30d");
    expect(parseUsageRange(["24h", "7d"], ["24h", "7d", "30d"], "7d")).toBe("24h");
    expect(parseUsageRange("24h", ["7d", "30d"], "7d")).toBe("7d");
    expect(parseUsageRange("__proto__", ["7d", "30d"], "7d")).toBe("7d");
    expect(parseUsageRange(undefined, ["7d", "30d"], "30d")).toBe("30d");
  });
});

describe("retentionNote", () => {
  it("speaks up only when the period reaches past the activity kept", () => {
    expect(retentionNote(usageWindow("30d", now), 30)).toBeNull();
    expect(retentionNote(usageWindow("24h", now), 1)).toBeNull();
    expect(retentionNote(usageWindow("30d", now), 14)).toBe("Activity is kept 14 days, so earlier days show no requests.");
  });
});
