import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createOrganizationWithAllRoles, uniqueEmail } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { fieldsOf, hostileString, orAnything } from "@/lib/testing/fuzz";
import { fuzzRefusals } from "@/lib/testing/fuzz-db";
import { idLike } from "@/lib/testing/fuzz-schema";
import { addMemberFields } from "@/lib/testing/input-arbitraries";
import { addMember } from "./add-member";
import { ASSIGNABLE_ROLES } from "./add-member-input";
import { changeMemberRole, removeMember } from "./change-member";

let owner: Actor;
let existingEmail: string;
// Other people's memberships (the owner's own is left out of role changes,
// so the fuzz cannot demote the actor it runs as), another organization's, and odd ids.
let membershipIds: (withOwn: boolean) => fc.Arbitrary<string>;

beforeAll(async () => {
  await useFreshDatabase();
  const fixture = await createOrganizationWithAllRoles();
  owner = fixture.actors.OWNER;
  for (const role of ASSIGNABLE_ROLES)
    await addMember({ actor: owner, input: { name: `Extra ${role}`, email: uniqueEmail("extra"), role, password: "a long first password" } });
  const ours = await db().membership.findMany({ where: { organizationId: owner.organizationId } });
  const theirs = await db().membership.findFirstOrThrow({ where: { organizationId: (await createOrganizationWithAllRoles()).organization.id } });
  existingEmail = fixture.members[1].email;
  membershipIds = (withOwn) => {
    const known = [...ours.filter((m) => withOwn || m.userId !== owner.userId), theirs].map((m) => m.id);
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, idLike, hostileString);
  };
});

const both = (seen: { accepted: number; refused: number }) => expect(Math.min(seen.accepted, seen.refused)).toBeGreaterThan(0);

describe("members, fuzzed", () => {
  it("addMember", async () => {
    const input = fc.oneof(
      addMemberFields,
      addMemberFields.map((fields) => ({ ...fields, email: existingEmail })),
    );
    both(await fuzzRefusals(orAnything(input), (input) => addMember({ actor: owner, input })));
  });

  it("changeMemberRole", async () => {
    const role = fc.constantFrom(...ASSIGNABLE_ROLES, "GOD");
    both(await fuzzRefusals(orAnything(fieldsOf({ membershipId: membershipIds(false), role })), (input) => changeMemberRole({ actor: owner, input })));
  });

  it("removeMember", async () => {
    const heirs = fc.oneof(fc.constant(owner.userId), idLike, hostileString, fc.constantFrom("__proto__", "constructor"));
    both(
      await fuzzRefusals(orAnything(fieldsOf({ membershipId: membershipIds(true), newKeyOwnerId: fc.option(heirs, { nil: undefined }) })), (input) =>
        removeMember({ actor: owner, input }),
      ),
    );
  });
});
