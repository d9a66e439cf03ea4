import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isSetupComplete } from "./setup-state";

const FILE_NAME = "setup-token";
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export const hashSetupToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function setupTokenFile(directory: string): string {
  return path.join(directory, FILE_NAME);
}

// Whoever reaches a fresh install first would own it; setup therefore needs
// this token, printed by `npm start` and kept in DATA_DIR (mode 600) until
// setup is done. Each instance started before setup has its own; any of them
// works. Returns null once setup is complete (and removes the file).
export async function ensureSetupToken(directory: string): Promise<string | null> {
  const file = setupTokenFile(directory);
  if (await isSetupComplete()) {
    fs.rmSync(file, { force: true });
    return null;
  }
  let token = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "";
  if (!TOKEN_PATTERN.test(token)) {
    token = randomBytes(24).toString("base64url");
    fs.mkdirSync(directory, { recursive: true });
    const temporary = `${file}.${process.pid}`;
    fs.writeFileSync(temporary, `${token}\n`, { mode: 0o600 });
    fs.renameSync(temporary, file);
  }
  await db().setupToken.createMany({ data: [{ hash: hashSetupToken(token) }], skipDuplicates: true });
  return token;
}

export async function isValidSetupToken(token: unknown, tx: Prisma.TransactionClient = db()): Promise<boolean> {
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) return false;
  return (await tx.setupToken.count({ where: { hash: hashSetupToken(token) } })) > 0;
}

// Setup is done: every instance's token stops working.
export async function consumeSetupTokens(tx: Prisma.TransactionClient): Promise<void> {
  await tx.setupToken.deleteMany({});
}

export function removeSetupTokenFile(directory: string): void {
  fs.rmSync(setupTokenFile(directory), { force: true });
}
