import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzOptions } from "@/lib/testing/fuzz";
import { characters, checkSchema, expectStorable } from "@/lib/testing/fuzz-schema";
import { searchParams } from "@/lib/testing/input-arbitraries";
import { AUDIT_ACTIONS } from "./audit-actions";
import { auditQuery, auditSearchParams, parseAuditQuery, type AuditQuery } from "./audit-query";

const NAMES = ["page", "actor", "action", "key", "from", "to"] as const;
const values = fc.oneof(
  fc.nat().map(String),
  fc.constantFrom(...AUDIT_ACTIONS, "2026-01-31", "2026-02-30", "0000-01-01", "9999-12-31", "c123"),
  fc.string({ maxLength: 70 }),
);

function expectInDomain(query: AuditQuery) {
  expect(Number.isInteger(query.page) && query.page >= 1 && query.page <= 1_000_000).toBe(true);
  for (const id of [query.actor, query.key]) {
    if (id === undefined) continue;
    expectStorable(id);
    expect(characters(id) >= 1 && characters(id) <= 64).toBe(true);
  }
  if (query.action !== undefined) expect(AUDIT_ACTIONS).toContain(query.action);
  for (const day of [query.from, query.to]) {
    if (day === undefined) continue;
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(`${day}T00:00:00Z`))).toBe(false);
  }
}

describe("audit log query, fuzzed", () => {
  it("never throws on any URL parameters: what does not fit is dropped, what is kept is in its domain and survives a round trip", () => {
    fc.assert(
      fc.property(searchParams(NAMES, values), (params) => {
        const query = parseAuditQuery(params);
        expectInDomain(query);
        expect(parseAuditQuery(Object.fromEntries(auditSearchParams(query)))).toEqual(query);
      }),
      fuzzOptions(300),
    );
  });

  it("accepts or refuses anything at all with a ZodError", () => {
    expect(checkSchema(auditQuery, searchParams(NAMES, values), expectInDomain)).toBeGreaterThan(10);
  });
});
