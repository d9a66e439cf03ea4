import { createHash, randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: a code read off paper is typed right.
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const HALF = 5;

function randomChunk(): string {
  return Array.from({ length: HALF }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

// Ten codes like "7kq2m-x9dfa" (about 49 bits each).
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${randomChunk()}-${randomChunk()}`);
}

// As typed: case, spaces and dashes do not matter.
export function normalizeRecoveryCode(code: string): string | null {
  const compact = code.toLowerCase().replace(/[\s-]/g, "");
  if (compact.length !== HALF * 2 || ![...compact].every((character) => ALPHABET.includes(character))) return null;
  return `${compact.slice(0, HALF)}-${compact.slice(HALF)}`;
}

export function hashRecoveryCode(normalized: string): string {
  return createHash("sha256").update(`recovery-code:${normalized}`).digest("hex");
}
