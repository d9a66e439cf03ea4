import { describe, expect, it } from "vitest";
import { toActionError } from "@/lib/action-result";
import { db } from "@/lib/db/client";
import { changeMemberRole } from "@/lib/members/change-member";
import { setProductionApproval } from "@/lib/organization/set-production-approval";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { namedPeople } from "./named-people";
import { setNamedPeople } from "./set-named-people";

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => toActionError(error).code,
  );

describe("named people", () => {
  it("end for good when a role change no longer allows them: a later promotion does not bring them back", async () => {
    const { organization, actors, members } = await createOrganizationWithAllRoles();
    const admin = members.find((m) => m.role === "ADMIN")!;
    await setNamedPeople({ actor: actors.OWNER, input: { responsibility: "PRODUCTION_APPROVER", membershipIds: [admin.membershipId] } });
    await setNamedPeople({ actor: actors.OWNER, input: { responsibility: "SECURITY_CONTACT", membershipIds: [admin.membershipId] } });
    await changeMemberRole({ actor: actors.OWNER, input: { membershipId: admin.membershipId, role: "MEMBER" } });
    await changeMemberRole({ actor: actors.OWNER, input: { membershipId: admin.membershipId, role: "ADMIN" } });
    expect(await namedPeople(organization.id)).toEqual([]);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { organizationId: organization.id, action: "member.role_changed" },
      orderBy: { sequence: "asc" },
    });
    expect(event.details).toMatchObject({ to: "MEMBER", responsibilitiesEnded: 2 });
  });

  it("cannot leave fewer than two people able to approve while approvals are required", async () => {
    const { actors, members } = await createOrganizationWithAllRoles();
    const admin = members.find((m) => m.role === "ADMIN")!;
    await setNamedPeople({ actor: actors.OWNER, input: { responsibility: "PRODUCTION_APPROVER", membershipIds: [admin.membershipId] } });
    await setProductionApproval({ actor: actors.OWNER, input: { enabled: true } });
    const owner = members.find((m) => m.role === "OWNER")!;
    expect(await code(setNamedPeople({ actor: actors.OWNER, input: { responsibility: "PRODUCTION_APPROVER", membershipIds: [owner.membershipId] } }))).toBe(
      "CONFLICT",
    );
    expect((await namedPeople(actors.OWNER.organizationId)).map((p) => p.userId)).toEqual([admin.userId]);
    expect(await code(setNamedPeople({ actor: actors.OWNER, input: { responsibility: "PRODUCTION_APPROVER", membershipIds: [] } }))).toBe("CONFLICT");
  });
});
