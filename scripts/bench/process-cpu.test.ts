import { describe, expect, it } from "vitest";
import { processCpuUs } from "./process-cpu";

describe("processCpuUs", () => {
  it("reads this process's CPU time, which grows as it works", () => {
    const before = processCpuUs(process.pid);
    const until = Date.now() + 60;
    let spin = 0;
    while (Date.now() < until) spin++;
    expect(spin).toBeGreaterThan(0);
    expect(processCpuUs(process.pid)).toBeGreaterThan(before);
  });
});
