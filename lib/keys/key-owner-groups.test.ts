import { describe, expect, it } from "vitest";
import { groupByOwner, NO_ACTIVE_OWNER, NO_ACTIVE_OWNER_LABEL, ownerGroupHeading, ownerGroupOf, ownerText } from "./key-owner-groups";

const key = (id: string, ownerId: string | null, ownerName: string | null, ownerActive: boolean) => ({ id, ownerId, ownerName, ownerActive });

describe("owner groups", () => {
  it("puts keys of former members and keys without an owner in one group", () => {
    expect(ownerGroupOf(key("a", "u1", "Ada", true))).toBe("u1");
    expect(ownerGroupOf(key("b", "u2", "Bob", false))).toBe(NO_ACTIVE_OWNER);
    expect(ownerGroupOf(key("c", null, null, false))).toBe(NO_ACTIVE_OWNER);
  });

  it("groups consecutive keys by owner, keeping the order given", () => {
    const keys = [
      key("1", "u1", "Ada", true),
      key("2", "u1", "Ada", true),
      key("3", "u2", "Bob", true),
      key("4", "u3", "Cy", false),
      key("5", null, null, false),
    ];
    expect(groupByOwner(keys, (k) => k).map((group) => [group.label, group.items.map((k) => k.id)])).toEqual([
      ["Ada", ["1", "2"]],
      ["Bob", ["3"]],
      [NO_ACTIVE_OWNER_LABEL, ["4", "5"]],
    ]);
    expect(groupByOwner([], (k) => k)).toEqual([]);
  });

  it("tells two owners of the same name apart by id", () => {
    expect(groupByOwner([key("1", "u1", "Sam", true), key("2", "u2", "Sam", true)], (k) => k)).toHaveLength(2);
  });

  it("names a former owner as former", () => {
    expect(ownerText(key("1", "u1", "Ada", true))).toEqual({ name: "Ada", former: false });
    expect(ownerText(key("1", "u1", "Ada", false))).toEqual({ name: "Ada", former: true });
    expect(ownerText(key("1", null, null, false))).toEqual({ name: "No owner", former: true });
  });

  it("heads a group with the owner, the viewer marked, and its keys on every page", () => {
    const counts = [
      { group: "u1", count: 3 },
      { group: NO_ACTIVE_OWNER, count: 1 },
    ];
    expect(ownerGroupHeading({ group: "u1", label: "Ada" }, counts, "u1")).toBe("Ada (you) · 3 keys");
    expect(ownerGroupHeading({ group: NO_ACTIVE_OWNER, label: NO_ACTIVE_OWNER_LABEL }, counts, "u1")).toBe("Without an active owner · 1 key");
    expect(ownerGroupHeading({ group: "u2", label: "Bob" }, counts, "u1")).toBe("Bob");
  });
});
