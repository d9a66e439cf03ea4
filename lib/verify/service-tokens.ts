import { createHash, timingSafeEqual } from "node:crypto";

const MIN_LENGTH = 32;
const digest = (value: string) => createHash("sha256").update(value).digest();

export type ServiceTokens = { readonly configured: boolean; matches(presented: string | undefined): boolean };

// The platform's own services may report the end client they verify a key
// for (address, user agent); anyone else holding a key could use that to
// pose as the real app. They prove who they are with one of these tokens
// (VERIFY_SERVICE_TOKENS, comma-separated), compared in constant time.
export function parseServiceTokens(raw: string | undefined): ServiceTokens {
  const tokens = (raw ?? "")
    .split(",")
    .map((token) => token.trim())
    .filter(Boolean);
  const short = tokens.find((token) => token.length < MIN_LENGTH);
  if (short !== undefined) throw new Error(`VERIFY_SERVICE_TOKENS: every token must have at least ${MIN_LENGTH} characters.`);
  const digests = tokens.map(digest);
  return {
    configured: digests.length > 0,
    matches(presented) {
      if (!presented || digests.length === 0) return false;
      const candidate = digest(presented);
      // Compare with every token, so the time does not say which one matched.
      let found = false;
      for (const known of digests) found = timingSafeEqual(known, candidate) || found;
      return found;
    },
  };
}
