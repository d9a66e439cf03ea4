import { describe, expect, it } from "vitest";
import { missingBefore, nextStep } from "./incident-steps";

describe("incident steps", () => {
  it("resumes at the first unfinished step", () => {
    expect(nextStep([])).toBe("revoke");
    expect(nextStep(["revoke", "replace"])).toBe("update_apps");
    expect(nextStep(["revoke", "replace", "update_apps", "review", "notify", "close"])).toBeNull();
  });

  it("lists what must happen before a step", () => {
    expect(missingBefore("revoke", [])).toEqual([]);
    expect(missingBefore("review", ["revoke", "update_apps"])).toEqual(["replace"]);
  });
});
