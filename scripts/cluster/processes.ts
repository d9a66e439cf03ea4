import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export type Managed = {
  process: ChildProcess;
  output: () => string;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
};

// A child in a process group of its own (an app instance with its server
// processes, HAProxy, PgBouncer), so the whole group can be signalled, as
// a terminal or a crashing machine would.
export function startManaged(command: string, args: string[], options: SpawnOptions = {}): Managed {
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    process: child,
    output: () => output,
    waitFor: (pattern, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${command}: no ${pattern} within ${timeoutMs} ms. Output:\n${output.slice(-3000)}`)), timeoutMs);
        const check = () => {
          if (pattern.test(output)) {
            clearTimeout(timer);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            reject(new Error(`${command} exited before ${pattern}. Output:\n${output.slice(-3000)}`));
          } else setTimeout(check, 100);
        };
        check();
      }),
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // Already gone.
        }
      }, 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
