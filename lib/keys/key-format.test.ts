import { describe, expect, it } from "vitest";
import { ENVIRONMENTS } from "./key-model";
import { checksumFor, displayParts, generateKey, hashKey, parseKey } from "./key-format";
import { maskedKey } from "./masked-key";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe("checksumFor", () => {
  it("is the standard CRC-32 (check value 0xCBF43926) in six base62 digits", () => {
    expect(checksumFor("123456789")).toBe("3jZRME");
  });
});

describe("generateKey", () => {
  it.each([
    ["PRODUCTION", "live"],
    ["STAGING", "stage"],
    ["DEVELOPMENT", "dev"],
    ["CI_CD", "ci"],
  ] as const)("marks %s keys with %s and produces keys that parse", (environment, marker) => {
    const { secret, displayPrefix, lastFour } = generateKey(environment);
    expect(secret).toMatch(new RegExp(`^skml_${marker}_[0-9A-Za-z]{46}$`));
    expect(parseKey(secret)).toEqual({ environmentMarker: marker });
    expect(displayPrefix).toBe(secret.slice(0, `skml_${marker}_`.length + 4));
    expect(lastFour).toBe(secret.slice(-4));
  });

  it("never repeats and spreads over the whole alphabet", () => {
    const secrets = Array.from({ length: 2000 }, () => generateKey("DEVELOPMENT").secret);
    expect(new Set(secrets).size).toBe(secrets.length);
    const used = new Set(secrets.flatMap((s) => [...s.slice("skml_dev_".length, -6)]));
    expect(used.size).toBe(62);
  });
});

describe("parseKey", () => {
  const { secret } = generateKey("PRODUCTION");

  it("rejects every single-character change anywhere in the key", () => {
    let tried = 0;
    for (let i = 0; i < secret.length; i++) {
      for (const replacement of BASE62 + "_") {
        if (replacement === secret[i]) continue;
        const altered = secret.slice(0, i) + replacement + secret.slice(i + 1);
        expect(parseKey(altered), `position ${i} -> ${replacement}`).toBeNull();
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(secret.length * 60);
  });

  it("rejects truncated, extended, padded and non-string input", () => {
    for (const candidate of [secret.slice(0, -1), secret + "a", ` ${secret}`, secret.toUpperCase(), "", null, 42, { key: secret }, "x".repeat(10_000)]) {
      expect(parseKey(candidate)).toBeNull();
    }
  });

  it("rejects a key whose environment marker was swapped, even with a recomputed body", () => {
    const swapped = secret.replace("skml_live_", "skml_dev_");
    expect(parseKey(swapped)).toBeNull();
    const body = swapped.slice(0, -6);
    expect(parseKey(body + checksumFor(body))).not.toBeNull();
  });
});

describe("hashKey", () => {
  it("is deterministic per server secret and differs across secrets", () => {
    const { secret } = generateKey("STAGING");
    expect(hashKey(secret, "a")).toBe(hashKey(secret, "a"));
    expect(hashKey(secret, "a")).not.toBe(hashKey(secret, "b"));
    expect(hashKey(secret, "a")).toMatch(/^[\w-]{43}$/);
    expect(hashKey(secret, "a")).not.toContain(secret.slice(10, 20));
  });
});

describe("display", () => {
  it("shows only the prefix and the last four characters", () => {
    const { secret } = generateKey("CI_CD");
    const { displayPrefix, lastFour } = displayParts(secret);
    const masked = maskedKey(displayPrefix, lastFour);
    expect(masked).toBe(`${secret.slice(0, 12)}…${secret.slice(-4)}`);
    expect(masked.length).toBeLessThan(secret.length / 2);
  });

  it("covers every environment", () => {
    expect(ENVIRONMENTS).toHaveLength(4);
  });
});
