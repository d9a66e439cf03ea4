import { describe, expect, it } from "vitest";
import { keyOrder, orderParts, partFits } from "./key-order";
import { KEY_SORT_COLUMNS } from "./list-keys-query";

describe("keyOrder", () => {
  it("has an order for every sort, both ways, grouped or not", () => {
    for (const sort of KEY_SORT_COLUMNS) {
      for (const dir of ["asc", "desc"] as const) {
        for (const group of [undefined, "owner"] as const) {
          const order = keyOrder(sort, dir, group);
          expect(order.innerDescending).toBe(dir === "desc");
          expect(orderParts(order).length).toBeLessThanOrEqual(5);
        }
      }
    }
  });

  it("walks one index for column sorts, people for creator and owner, owners A to Z when grouped", () => {
    expect(keyOrder("createdAt", "desc")).toMatchObject({ walk: "plain", innerParts: ["timestamp"], groupsDescending: true });
    expect(keyOrder("createdBy", "asc")).toMatchObject({ walk: "people", person: "createdBy", groupParts: ["text", "text"], innerParts: [] });
    expect(keyOrder("owner", "desc")).toMatchObject({ walk: "people", person: "owner", groupsDescending: true });
    expect(keyOrder("name", "desc", "owner")).toMatchObject({
      walk: "owners",
      groupParts: ["rank", "text", "text"],
      innerParts: ["text"],
      groupsDescending: false,
    });
    expect(keyOrder("owner", "asc", "owner")).toMatchObject({ inner: "none", innerParts: [] });
    expect(keyOrder("createdBy", "asc", "owner")).toMatchObject({ inner: "creator", innerParts: ["text", "text"] });
  });
});

describe("partFits", () => {
  it("reads only PostgreSQL's text forms", () => {
    expect(partFits("timestamp", "2026-11-28 14:00:00")).toBe(true);
    expect(partFits("timestamp", "2026-11-28T14:00:00Z")).toBe(false);
    expect(partFits("environment", "CI_CD")).toBe(true);
    expect(partFits("environment", "__proto__")).toBe(false);
    expect(partFits("rank", "2")).toBe(false);
    expect(partFits("text", "a".repeat(401))).toBe(false);
    expect(partFits("text", "\u0000")).toBe(false);
    expect(partFits("text", "\ud800")).toBe(false);
  });
});
