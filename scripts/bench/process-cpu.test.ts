import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { processCpuUs, processTree, processTreeCpuUs, processTreeRssMiB } from "./process-cpu";

describe("processCpuUs", () => {
  it("reads this process's CPU time, which grows as it works", () => {
    const before = processCpuUs(process.pid);
    const until = Date.now() + 60;
    let spin = 0;
    while (Date.now() < until) spin++;
    expect(spin).toBeGreaterThan(0);
    expect(processCpuUs(process.pid)).toBeGreaterThan(before);
  });

  it("counts a child's CPU time and memory in its parent's tree", async () => {
    // Spins for 300 ms, says so, then waits to be killed.
    const child = spawn(process.execPath, ["-e", "const u = Date.now() + 300; while (Date.now() < u); console.log('spun'); setTimeout(() => {}, 60000)"]);
    try {
      await new Promise((resolve) => child.stdout.once("data", resolve));
      expect(processTree(process.pid)).toContain(child.pid);
      expect(processTreeCpuUs(process.pid)).toBeGreaterThan(processCpuUs(process.pid));
      expect(processTreeRssMiB(process.pid).length).toBeGreaterThanOrEqual(2);
    } finally {
      child.kill();
    }
  });
});
