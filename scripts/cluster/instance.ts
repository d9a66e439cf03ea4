import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startManaged, type Managed } from "./processes";

export type Instance = Managed & { name: string; port: number; url: string; dataDir: string };

// One app instance as an operator runs it (`npm start` with DATABASE_URL),
// its own data directory and port, in a process group of its own.
export function startInstance(name: string, port: number, env: Record<string, string>): Instance {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `secret-keys-cluster-${name}-`));
  const managed = startManaged(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, ...env, PORT: String(port), DATA_DIR: dataDir, HOST: "127.0.0.1" },
  });
  return { ...managed, name, port, url: `http://127.0.0.1:${port}`, dataDir };
}
