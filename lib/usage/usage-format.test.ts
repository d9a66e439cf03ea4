import { describe, expect, it } from "vitest";
import { bucketLabel, bucketSpan, compactCount, plural, share } from "./usage-format";

describe("bucket labels", () => {
  it("labels hours and days in UTC", () => {
    const start = new Date("2026-11-27T14:00:00Z");
    expect(bucketLabel(start, "hour")).toBe("14:00");
    expect(bucketLabel(start, "day")).toBe("Nov 27");
    expect(bucketSpan(start, "hour")).toBe("Nov 27, 14:00–15:00 UTC");
    expect(bucketSpan(new Date("2026-11-27T00:00:00Z"), "day")).toBe("Fri, Nov 27 (UTC)");
  });

  it("ends the last hour of a day at 24:00", () => {
    expect(bucketSpan(new Date("2026-11-27T23:00:00Z"), "hour")).toBe("Nov 27, 23:00–24:00 UTC");
  });
});

describe("numbers", () => {
  it("shortens axis numbers", () => {
    expect(compactCount(950)).toBe("950");
    expect(compactCount(1_250)).toBe("1.3K");
    expect(compactCount(3_000_000)).toBe("3M");
  });

  it("spells counts with their noun", () => {
    expect(plural(1, "request")).toBe("1 request");
    expect(plural(1_200, "request")).toBe("1,200 requests");
    expect(plural(2, "distinct client")).toBe("2 distinct clients");
  });

  it("gives shares that never hide a real count", () => {
    expect(share(0, 0)).toBe("0%");
    expect(share(0, 10)).toBe("0%");
    expect(share(1, 3)).toBe("33%");
    expect(share(1, 40)).toBe("2.5%");
    expect(share(1, 5_000)).toBe("<0.1%");
    expect(share(5, 5)).toBe("100%");
  });
});
