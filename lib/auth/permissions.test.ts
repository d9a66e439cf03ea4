import { describe, expect, it } from "vitest";
import { can, OPERATIONS, ROLE_PERMISSIONS } from "./permissions";
import { refusalFor } from "./actor";

describe("role permissions", () => {
  it("gives the owner every operation", () => {
    for (const operation of OPERATIONS) expect(can("OWNER", operation)).toBe(true);
  });

  it("lets admins manage keys but not organization settings", () => {
    expect(can("ADMIN", "keys.create")).toBe(true);
    expect(can("ADMIN", "keys.delete")).toBe(true);
    expect(can("ADMIN", "settings.manage")).toBe(false);
  });

  it("lets owners and admins, and no one else, change a key's owner and details", () => {
    expect((["OWNER", "ADMIN", "SECURITY", "MEMBER"] as const).filter((role) => can(role, "keys.edit"))).toEqual(["OWNER", "ADMIN"]);
  });

  it("lets security delete but not create keys", () => {
    expect(can("SECURITY", "keys.delete")).toBe(true);
    expect(can("SECURITY", "keys.create")).toBe(false);
  });

  it("lets members only look", () => {
    expect(ROLE_PERMISSIONS.MEMBER).toEqual(["keys.view", "members.view"]);
  });
});

describe("refusals", () => {
  it("name the roles that may, so the caller knows whom to ask", () => {
    expect(refusalFor("settings.manage")).toBe("Your role does not allow this. Ask someone in your organization with the Owner role.");
    expect(refusalFor("keys.create")).toBe("Your role does not allow this. Ask someone in your organization with the Owner or Admin role.");
    expect(refusalFor("keys.delete")).toBe("Your role does not allow this. Ask someone in your organization with the Owner, Admin or Security role.");
  });
});
