import { createHmac, createSecretKey, randomBytes, type KeyObject } from "node:crypto";
import { crc32 } from "node:zlib";
import type { Environment } from "./key-model";

// skml_<env>_<40 random base62><6 base62 checksum: the standard CRC-32 of
// what comes before it, as secret scanners can check it>
// "skml" lets secret scanners match our keys (and not mistake them for
// another vendor's sk_ keys); the environment marker shows at a glance
// whether a leaked key reaches production.
export const KEY_BRAND = "skml";
export const ENVIRONMENT_MARKERS: Record<Environment, string> = {
  PRODUCTION: "live",
  STAGING: "stage",
  DEVELOPMENT: "dev",
  CI_CD: "ci",
};
// 40 base62 characters: 238 bits. The displayed prefix and last four (which
// fall in the checksum) give away at most about 48 of them.
const RANDOM_LENGTH = 40;
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
const DISPLAYED_RANDOM = 4;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PATTERN = new RegExp(
  `^${KEY_BRAND}_(${Object.values(ENVIRONMENT_MARKERS).join("|")})_([0-9A-Za-z]{${RANDOM_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`,
);
export const MAX_KEY_LENGTH = 64;

function toBase62(value: number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

// Uniform base62 from a cryptographic source (rejection sampling: 248 = 4*62).
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function checksumFor(body: string): string {
  return toBase62(crc32(body), CHECKSUM_LENGTH);
}

export type GeneratedKey = { secret: string; displayPrefix: string; lastFour: string };

export function generateKey(environment: Environment): GeneratedKey {
  const body = `${KEY_BRAND}_${ENVIRONMENT_MARKERS[environment]}_${randomBase62(RANDOM_LENGTH)}`;
  const secret = body + checksumFor(body);
  return { secret, ...displayParts(secret) };
}

export function displayParts(secret: string): { displayPrefix: string; lastFour: string } {
  const markerEnd = secret.indexOf("_", KEY_BRAND.length + 1) + 1;
  return { displayPrefix: secret.slice(0, markerEnd + DISPLAYED_RANDOM), lastFour: secret.slice(-4) };
}

export type ParsedKey = { environmentMarker: string };

// Shape and checksum only, no I/O: a typo or truncated copy is rejected
// before the database is asked.
export function parseKey(candidate: unknown): ParsedKey | null {
  if (typeof candidate !== "string" || candidate.length > MAX_KEY_LENGTH) return null;
  const match = KEY_PATTERN.exec(candidate);
  if (!match) return null;
  const body = candidate.slice(0, candidate.length - CHECKSUM_LENGTH);
  if (checksumFor(body) !== match[3]) return null;
  return { environmentMarker: match[1] };
}

// The secret as a KeyObject, made once: a string key would be encoded again
// for every verification.
const hashKeys = new Map<string, KeyObject>();

// Stored instead of the key: HMAC-SHA-256 under a server secret, so a copy of
// the database alone cannot be used to test guesses.
export function hashKey(secret: string, hashSecret: string): string {
  let key = hashKeys.get(hashSecret);
  if (!key) {
    key = createSecretKey(Buffer.from(hashSecret, "utf8"));
    hashKeys.set(hashSecret, key);
  }
  return createHmac("sha256", key).update(secret).digest("base64url");
}
