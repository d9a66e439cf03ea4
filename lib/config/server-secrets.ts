import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type ServerSecrets = { sessionSecret: string; keyHashSecret: string };

const FILE_NAME = "server-secrets.json";

function generate(): ServerSecrets {
  return {
    sessionSecret: randomBytes(32).toString("base64url"),
    keyHashSecret: randomBytes(32).toString("base64url"),
  };
}

// Secrets come from the environment when set; otherwise they are generated
// once and kept (mode 600) in the data directory, so restarts keep sessions
// valid and stored key hashes verifiable.
export function loadServerSecrets(directory: string, env: Record<string, string | undefined> = process.env): ServerSecrets {
  const file = path.join(directory, FILE_NAME);
  let stored: ServerSecrets | undefined;
  if (fs.existsSync(file)) {
    stored = JSON.parse(fs.readFileSync(file, "utf8")) as ServerSecrets;
  } else if (!env.NEXTAUTH_SECRET || !env.KEY_HASH_SECRET) {
    stored = generate();
    fs.mkdirSync(directory, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600, flag: "wx" });
  }
  return {
    sessionSecret: env.NEXTAUTH_SECRET || stored!.sessionSecret,
    keyHashSecret: env.KEY_HASH_SECRET || stored!.keyHashSecret,
  };
}
