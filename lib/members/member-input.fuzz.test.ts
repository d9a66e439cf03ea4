import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldsOf } from "@/lib/testing/fuzz";
import { characters, checkSchema, expectEmail, expectSingleLine, idLike } from "@/lib/testing/fuzz-schema";
import { addMemberFields } from "@/lib/testing/input-arbitraries";
import { addMemberInput, ASSIGNABLE_ROLES } from "./add-member-input";
import { changeMemberRoleInput, removeMemberInput } from "./member-change-input";

const membershipIdInDomain = (id: string) => expect(characters(id) >= 1 && characters(id) <= 64 && id === id.trim()).toBe(true);

describe("member inputs, fuzzed", () => {
  it("addMemberInput accepts only a one-line name, an email and a known role, and never keeps a password", () => {
    const accepted = checkSchema(addMemberInput, addMemberFields, (input) => {
      expectSingleLine(input.name, 100);
      expectEmail(input.email);
      expect(ASSIGNABLE_ROLES).toContain(input.role);
      expect(Object.keys(input).sort()).toEqual(["email", "name", "role"]);
    });
    expect(accepted).toBeGreaterThan(10);
  });

  it("changeMemberRoleInput and removeMemberInput accept only a membership id (and a known role)", () => {
    const role = fc.constantFrom(...ASSIGNABLE_ROLES, "GOD", "owner");
    const changed = checkSchema(changeMemberRoleInput, fieldsOf({ membershipId: idLike, role }), (input) => {
      membershipIdInDomain(input.membershipId);
      expect(ASSIGNABLE_ROLES).toContain(input.role);
    });
    const removed = checkSchema(removeMemberInput, fieldsOf({ membershipId: idLike }), (input) => membershipIdInDomain(input.membershipId));
    expect(Math.min(changed, removed)).toBeGreaterThan(10);
  });
});
