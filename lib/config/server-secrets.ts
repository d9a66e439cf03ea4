import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type ServerSecrets = { sessionSecret: string; keyHashSecret: string; auditHmacSecret: string; twoFactorSecret: string };

const FILE_NAME = "server-secrets.json";

// Which environment variable overrides which stored secret.
const ENV_NAMES: Record<keyof ServerSecrets, string> = {
  sessionSecret: "NEXTAUTH_SECRET",
  keyHashSecret: "KEY_HASH_SECRET",
  auditHmacSecret: "AUDIT_HMAC_SECRET",
  twoFactorSecret: "TWO_FACTOR_SECRET",
};
const FIELDS = Object.keys(ENV_NAMES) as (keyof ServerSecrets)[];

function readStored(file: string): Partial<ServerSecrets> | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Partial<ServerSecrets>) : undefined;
}

// Written to a temporary file and renamed, so a crash never leaves a
// half-written file and the secrets it already held are never lost.
function writeStored(file: string, secrets: Partial<ServerSecrets>): void {
  const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = fs.openSync(temporary, "wx", 0o600);
  try {
    fs.writeFileSync(fd, JSON.stringify(secrets, null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

// Secrets come from the environment when set; otherwise they are generated
// once and kept (mode 600) in the data directory, so restarts keep sessions
// valid, stored key hashes verifiable and audit seals checkable. A file from
// an older version gains the secrets it lacks, keeping the ones it has.
export function loadServerSecrets(directory: string, env: Record<string, string | undefined> = process.env): ServerSecrets {
  const file = path.join(directory, FILE_NAME);
  const stored = readStored(file) ?? {};
  const missing = FIELDS.filter((field) => !env[ENV_NAMES[field]] && !stored[field]);
  if (missing.length > 0) {
    for (const field of missing) stored[field] = randomBytes(32).toString("base64url");
    fs.mkdirSync(directory, { recursive: true });
    writeStored(file, stored);
  }
  return Object.fromEntries(FIELDS.map((field) => [field, env[ENV_NAMES[field]] || stored[field]!])) as ServerSecrets;
}

// The audit seal secret without ever generating one: a new secret would call
// every existing seal forged. Undefined when neither source has it.
export function findAuditHmacSecret(directory: string, env: Record<string, string | undefined> = process.env): string | undefined {
  return env.AUDIT_HMAC_SECRET || readStored(path.join(directory, FILE_NAME))?.auditHmacSecret;
}
