import { describe, expect, it } from "vitest";
import { ACTIONS, PERMISSION_LEVELS, SCOPES, type Action, type PermissionLevel, type Scope } from "./key-model";
import { allowedActions, grantSummary, isAllowed, SCOPE_ACTIONS } from "./permission-table";

// The expected answer for every level, scope and action, written out by hand
// so a change to the table has to be made twice on purpose.
const EXPECTED: Record<Exclude<PermissionLevel, "RESTRICTED">, Record<Scope, Action[]>> = {
  FULL: { DATASET: ["read", "write", "annotate"], TRAINING: ["read", "write"], DEPLOYMENT: ["read", "write"] },
  READ_ONLY: { DATASET: ["read"], TRAINING: ["read"], DEPLOYMENT: ["read"] },
  LABELER_ONLY: { DATASET: ["read", "annotate"], TRAINING: [], DEPLOYMENT: [] },
};

describe("permission table, exhaustively", () => {
  for (const permission of PERMISSION_LEVELS.filter((p) => p !== "RESTRICTED") as (keyof typeof EXPECTED)[]) {
    for (const scope of SCOPES) {
      for (const action of ACTIONS) {
        const expected = EXPECTED[permission][scope].includes(action);
        it(`${permission} ${scope} ${action}: ${expected ? "allowed" : "denied"}`, () => {
          expect(isAllowed({ scopes: SCOPES, permission }, scope, action)).toBe(expected);
        });
      }
    }
  }

  it("denies everything outside the key's scopes, whatever the level", () => {
    for (const permission of PERMISSION_LEVELS) {
      const grant = { scopes: ["TRAINING"] as Scope[], permission, restrictedActions: SCOPE_ACTIONS };
      for (const action of ACTIONS) {
        expect(isAllowed(grant, "DATASET", action)).toBe(false);
        expect(isAllowed(grant, "DEPLOYMENT", action)).toBe(false);
      }
    }
  });
});

describe("restricted keys", () => {
  it("allow exactly the chosen actions", () => {
    const grant = {
      scopes: SCOPES,
      permission: "RESTRICTED" as const,
      restrictedActions: { DATASET: ["read" as const], DEPLOYMENT: ["read" as const, "write" as const] },
    };
    expect(allowedActions(grant, "DATASET")).toEqual(["read"]);
    expect(allowedActions(grant, "TRAINING")).toEqual([]);
    expect(allowedActions(grant, "DEPLOYMENT")).toEqual(["read", "write"]);
    expect(grantSummary(grant).map((row) => row.scope)).toEqual(["DATASET", "DEPLOYMENT"]);
  });

  it("never allow an action a scope does not support, even if stored", () => {
    const grant = { scopes: SCOPES, permission: "RESTRICTED" as const, restrictedActions: { TRAINING: ["annotate" as const] } };
    expect(isAllowed(grant, "TRAINING", "annotate")).toBe(false);
  });

  it("allow nothing without a stored set", () => {
    for (const scope of SCOPES) expect(allowedActions({ scopes: SCOPES, permission: "RESTRICTED" }, scope)).toEqual([]);
  });
});
