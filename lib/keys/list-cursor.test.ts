import { describe, expect, it } from "vitest";
import { keyOrder, orderParts } from "./key-order";
import { decodeListCursor, encodeListCursor, listCursorBinding, type ListCursor } from "./list-cursor";
import { parseListKeysQuery } from "./list-keys-query";

const secret = "unit-test-secret";
const query = parseListKeysQuery({ sort: "name", dir: "asc" });
const binding = listCursorBinding("org_a", query);
const parts = orderParts(keyOrder(query.sort, query.dir));
const cursor: ListCursor = { direction: "next", values: ["alpha prod"], id: "ckey0001", offset: 25 };

describe("list cursors", () => {
  it("round-trips a position", () => {
    const token = encodeListCursor(cursor, { secret, binding });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(decodeListCursor(token, { secret, binding, parts })).toEqual(cursor);
    const back = { ...cursor, direction: "prev" as const, values: ["ünïcödé 🔑"] };
    expect(decodeListCursor(encodeListCursor(back, { secret, binding }), { secret, binding, parts })).toEqual(back);
  });

  it("binds sort, direction and every filter, but not the page size", () => {
    const token = encodeListCursor(cursor, { secret, binding });
    expect(decodeListCursor(token, { secret, binding: listCursorBinding("org_a", { ...query, pageSize: 100 }), parts })).toEqual(cursor);
    for (const changed of [
      { dir: "desc" as const },
      { q: "x" },
      { environment: "STAGING" as const },
      { stale: true },
      { owner: "me" },
      { group: "owner" as const },
    ]) {
      expect(decodeListCursor(token, { secret, binding: listCursorBinding("org_a", { ...query, ...changed }), parts }), JSON.stringify(changed)).toBeNull();
    }
  });

  it('binds the viewer for "my keys" only', () => {
    const mine = { ...query, owner: "me" };
    expect(listCursorBinding("org_a", mine, "user_1")).not.toBe(listCursorBinding("org_a", mine, "user_2"));
    const theirs = { ...query, owner: "user9" };
    expect(listCursorBinding("org_a", theirs, "user_1")).toBe(listCursorBinding("org_a", theirs, "user_2"));
    expect(listCursorBinding("org_a", query, "user_1")).toBe(listCursorBinding("org_a", query));
  });

  it("parses timestamps, enums and scope lists only in PostgreSQL's text form", () => {
    const at = (values: string[], sort: "createdAt" | "permission" | "scopes") => {
      const q = parseListKeysQuery({ sort });
      const b = listCursorBinding("org_a", q);
      return decodeListCursor(encodeListCursor({ ...cursor, values }, { secret, binding: b }), {
        secret,
        binding: b,
        parts: orderParts(keyOrder(sort, q.dir)),
      });
    };
    expect(at(["2026-11-28 14:00:00.123"], "createdAt")).not.toBeNull();
    expect(at(["-infinity"], "createdAt")).not.toBeNull();
    expect(at(["yesterday"], "createdAt")).toBeNull();
    expect(at(["READ_ONLY"], "permission")).not.toBeNull();
    expect(at(["read_only"], "permission")).toBeNull();
    expect(at(["{DATASET,TRAINING}"], "scopes")).not.toBeNull();
    expect(at(["{}"], "scopes")).not.toBeNull();
    expect(at(['{DATASET,"x"}'], "scopes")).toBeNull();
  });
});
