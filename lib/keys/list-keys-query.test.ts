import { describe, expect, it } from "vitest";
import { listKeysSearchParams, parseListKeysQuery } from "./list-keys-query";

describe("parseListKeysQuery", () => {
  it("defaults to the newest keys first, 25 a page", () => {
    expect(parseListKeysQuery({})).toEqual({ pageSize: 25, sort: "createdAt", dir: "desc", q: "", stale: false, due: false });
  });

  it("reads every parameter", () => {
    expect(
      parseListKeysQuery({
        cursor: "abc.def",
        pageSize: "50",
        sort: "lastUsedAt",
        dir: "asc",
        q: " prod ",
        scope: "TRAINING",
        permission: "READ_ONLY",
        environment: "CI_CD",
        stale: "1",
        due: "1",
        owner: "none",
        group: "owner",
      }),
    ).toEqual({
      cursor: "abc.def",
      pageSize: 50,
      sort: "lastUsedAt",
      dir: "asc",
      q: "prod",
      scope: "TRAINING",
      permission: "READ_ONLY",
      environment: "CI_CD",
      stale: true,
      due: true,
      owner: "none",
      group: "owner",
    });
  });

  it("reads the owner filter as me, none or a member's id, and drops anything else", () => {
    expect(parseListKeysQuery({ owner: "me" }).owner).toBe("me");
    expect(parseListKeysQuery({ owner: "clx0owner0000000000000000" }).owner).toBe("clx0owner0000000000000000");
    // A plain word is only an id no member has: it finds no keys (list-keys.integration.test.ts).
    expect(parseListKeysQuery({ owner: "constructor" }).owner).toBe("constructor");
    for (const bad of ["__proto__", "ME", "a b", "x\u0000", "\u0000", "a".repeat(65), "'; DROP TABLE", ""]) {
      expect(parseListKeysQuery({ owner: bad }).owner, bad).toBeUndefined();
    }
    expect(parseListKeysQuery({ group: "team" }).group).toBeUndefined();
  });

  it("falls back to defaults for values that do not fit", () => {
    expect(
      parseListKeysQuery({ page: "-1", pageSize: "7", sort: "hash", dir: "sideways", q: "x".repeat(500), scope: "EVERYTHING", stale: "yes", due: "true" }),
    ).toEqual({ pageSize: 25, sort: "createdAt", dir: "desc", q: "", scope: undefined, stale: false, due: false });
  });

  it("takes the first of repeated parameters", () => {
    expect(parseListKeysQuery({ pageSize: ["50", "10"] }).pageSize).toBe(50);
    expect(parseListKeysQuery({ cursor: ["a.b", "c.d"] }).cursor).toBe("a.b");
  });

  it("keeps a cursor as given, for listKeys to accept or refuse with a message", () => {
    // Not silently dropped: a forged cursor must be refused, not read as page one.
    expect(parseListKeysQuery({ cursor: "__proto__" }).cursor).toBe("__proto__");
    expect(parseListKeysQuery({}).cursor).toBeUndefined();
  });
});

describe("listKeysSearchParams", () => {
  it("round-trips and leaves defaults out of the URL", () => {
    const query = parseListKeysQuery({ sort: "name", dir: "asc", q: "ci", stale: "1", cursor: "abc.def" });
    const params = listKeysSearchParams(query);
    expect(params.toString()).toBe("cursor=abc.def&sort=name&dir=asc&q=ci&stale=1");
    expect(parseListKeysQuery(Object.fromEntries(params))).toEqual(query);
  });
});
