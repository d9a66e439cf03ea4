import { describe, expect, it } from "vitest";
import { addressedToOwner } from "./notify-members";

const everyone = { title: "Key “ci” rotated", body: "for all" };
const owner = { title: "Your key “ci” rotated", body: "for the owner" };

describe("addressedToOwner", () => {
  it("gives the owner their own message first and everyone else the broadcast, one each", () => {
    expect(addressedToOwner(["a", "b", "c"], "b", everyone, owner)).toEqual([
      { ...owner, userId: "b" },
      { ...everyone, userId: "a" },
      { ...everyone, userId: "c" },
    ]);
  });

  it("sends only the broadcast when the key has no owner or its owner is no longer a member", () => {
    for (const ownerId of [null, undefined, "gone"]) {
      expect(addressedToOwner(["a", "b"], ownerId, everyone, owner)).toEqual([
        { ...everyone, userId: "a" },
        { ...everyone, userId: "b" },
      ]);
    }
  });
});
