import { beforeAll, describe, expect, it } from "vitest";
import { toActionError } from "@/lib/action-result";
import { db } from "@/lib/db/client";
import { changeMemberRole } from "@/lib/members/change-member";
import { setProductionApproval } from "@/lib/organization/set-production-approval";
import { setNamedPeople } from "@/lib/responsibilities/set-named-people";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { holdAuditChain, waitForLockWaiters } from "@/lib/testing/lock-waits";
import { decideKeyRequest } from "./decide-key-request";
import { requestKey } from "./request-key";

beforeAll(async () => {
  await useFreshDatabase();
});

describe("deciding a request while the approver's role changes", () => {
  it("waits for the change and is refused if it took the right to approve away", async () => {
    const world = await createOrganizationWithAllRoles();
    const { OWNER, ADMIN, SECURITY } = world.actors;
    const membership = (role: string) => world.members.find((m) => m.role === role)!.membershipId;
    await setNamedPeople({ actor: OWNER, input: { responsibility: "PRODUCTION_APPROVER", membershipIds: [membership("ADMIN"), membership("SECURITY")] } });
    await setProductionApproval({ actor: OWNER, input: { enabled: true } });
    const { requestId } = await requestKey({
      actor: ADMIN,
      input: { name: "inference-prod", environment: "PRODUCTION", permission: "READ_ONLY", expiresInDays: "90", reason: "The inference service." },
    });

    // The demotion is stopped just before it commits; the decision starts meanwhile.
    const chain = await holdAuditChain(world.organization.id);
    const demotion = changeMemberRole({ actor: OWNER, input: { membershipId: membership("SECURITY"), role: "MEMBER" } });
    await waitForLockWaiters(1);
    const decision = decideKeyRequest({ actor: SECURITY, input: { requestId, decision: "approve" } }).catch((e: unknown) => toActionError(e));
    await waitForLockWaiters(2);
    await chain.release();

    expect(await demotion).toEqual({ changed: true });
    expect(await decision).toMatchObject({ code: "FORBIDDEN" });
    expect((await db().keyRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("PENDING");
  });
});
