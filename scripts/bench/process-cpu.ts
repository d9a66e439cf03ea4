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
