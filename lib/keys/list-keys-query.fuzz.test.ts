import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzOptions } from "@/lib/testing/fuzz";
import { characters, checkSchema, expectStorable } from "@/lib/testing/fuzz-schema";
import { searchParams } from "@/lib/testing/input-arbitraries";
import { ENVIRONMENTS, PERMISSION_LEVELS, SCOPES } from "./key-model";
import { KEY_SORT_COLUMNS, listKeysQuery, listKeysSearchParams, PAGE_SIZES, parseListKeysQuery, type ListKeysQuery } from "./list-keys-query";

const NAMES = ["cursor", "pageSize", "sort", "dir", "q", "scope", "permission", "environment", "stale", "due"] as const;
const values = fc.oneof(
  fc.nat().map(String),
  fc.constantFrom(...KEY_SORT_COLUMNS, ...SCOPES, ...PERMISSION_LEVELS, ...ENVIRONMENTS, "asc", "desc", "1", "0", "25", "100", "1e3"),
  fc.string({ maxLength: 110 }),
);

function expectInDomain(query: ListKeysQuery) {
  if (query.cursor !== undefined) expect(typeof query.cursor).toBe("string");
  expect(PAGE_SIZES).toContain(query.pageSize);
  expect(KEY_SORT_COLUMNS).toContain(query.sort);
  expect(["asc", "desc"]).toContain(query.dir);
  expectStorable(query.q);
  expect(query.q).toBe(query.q.trim());
  expect(characters(query.q)).toBeLessThanOrEqual(100);
  if (query.scope !== undefined) expect(SCOPES).toContain(query.scope);
  if (query.permission !== undefined) expect(PERMISSION_LEVELS).toContain(query.permission);
  if (query.environment !== undefined) expect(ENVIRONMENTS).toContain(query.environment);
  expect(typeof query.stale === "boolean" && typeof query.due === "boolean").toBe(true);
}

describe("key list query, fuzzed", () => {
  it("never throws on any URL parameters: what does not fit falls back to its default, and survives a round trip", () => {
    fc.assert(
      fc.property(searchParams(NAMES, values), (params) => {
        const query = parseListKeysQuery(params);
        expectInDomain(query);
        expect(parseListKeysQuery(Object.fromEntries(listKeysSearchParams(query)))).toEqual(query);
      }),
      fuzzOptions(300),
    );
  });

  it("accepts or refuses anything at all with a ZodError", () => {
    expect(checkSchema(listKeysQuery, searchParams(NAMES, values), expectInDomain)).toBeGreaterThan(10);
  });
});
