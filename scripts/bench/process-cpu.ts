import fs from "node:fs";

// Linux reports process CPU time in clock ticks (100 a second on every
// common kernel configuration; getconf CLK_TCK).
const TICK_US = 10_000;

// User + system CPU time of a process so far, in microseconds, from
// /proc/<pid>/stat: what the server itself spent, whoever generated the load.
export function processCpuUs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) * TICK_US;
}

// The process and its children (an instance's server processes), recursively.
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return [pid, ...children.flatMap(processTree)];
}

// CPU time of a process and its living children, in microseconds.
export function processTreeCpuUs(pid: number): number {
  return processTree(pid).reduce((sum, member) => {
    try {
      return sum + processCpuUs(member);
    } catch {
      return sum;
    }
  }, 0);
}

// Resident memory of each process of the tree, in MiB.
export function processTreeRssMiB(pid: number): number[] {
  return processTree(pid).map((member) => {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${member}/status`, "utf8"));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  });
}
