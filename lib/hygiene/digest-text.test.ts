import { describe, expect, it } from "vitest";
import type { OwnerHygiene } from "./collect-hygiene";
import { organizationDigest, personalDigest } from "./digest-text";

const none = { count: 0, names: [] };
const ada: OwnerHygiene = {
  ownerId: "ada",
  ownerActive: true,
  stale: { count: 7, names: ["a", "b", "c", "d", "e"] },
  due: none,
  expiring: { count: 1, names: ["x"] },
};
const gone: OwnerHygiene = { ownerId: "bob", ownerActive: false, stale: none, due: { count: 1, names: ["old"] }, expiring: none };
const noRequests = { waitingForApproval: [], readyToReveal: [], toDecide: [] };

describe("personalDigest", () => {
  it("says nothing when nothing needs attention", () => {
    expect(personalDigest({ organizationName: "Acme", keys: undefined, requests: noRequests })).toBeNull();
  });

  it("names a few keys per finding and counts the rest", () => {
    const digest = personalDigest({ organizationName: "Acme", keys: ada, requests: { ...noRequests, readyToReveal: ["prod"] } })!;
    expect(digest.body).toContain("Stale");
    expect(digest.body).toContain("7 (“a”, “b”, “c”, “d”, “e” and 2 more)");
    expect(digest.body).toContain("Expiring within 14 days: 1 (“x”)");
    expect(digest.body).toContain("Approved, waiting for you to reveal: “prod”");
    expect(digest.body).not.toContain("Due for rotation");
    expect(digest.title).toBe("Key hygiene: 3 things to look at in Acme");
  });
});

describe("organizationDigest", () => {
  it("totals the organization, gives each owner's share and lists what has no active owner", () => {
    const digest = organizationDigest({ organizationName: "Acme", byOwner: [ada, gone], ownerNames: new Map([["ada", "Ada"]]), openRequests: 2, liveKeys: 40 });
    expect(digest.body.split("\n")[0]).toBe("40 live keys: 7 stale, 1 due for rotation, 1 expiring within 14 days; 2 open requests.");
    expect(digest.body).toContain("Ada:\n- Stale");
    expect(digest.body).toContain("Keys without an active owner (reassign them):\n- Due for rotation: 1 (“old”)");
  });
});
