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
import { revealKeyRequest } from "./reveal-key-request";

beforeAll(async () => {
  await useFreshDatabase();
});

// Approvals on, Admin and Security named approvers, and a request of Admin's.
async function pendingRequest() {
  const world = await createOrganizationWithAllRoles();
  const { OWNER, ADMIN } = world.actors;
  const membership = (role: string) => world.members.find((m) => m.role === role)!.membershipId;
  await setNamedPeople({ actor: OWNER, input: { responsibility: "PRODUCTION_APPROVER", membershipIds: [membership("ADMIN"), membership("SECURITY")] } });
  await setProductionApproval({ actor: OWNER, input: { enabled: true } });
  const { requestId } = await requestKey({
    actor: ADMIN,
    input: { name: "inference-prod", environment: "PRODUCTION", permission: "READ_ONLY", expiresInDays: "90", reason: "The inference service." },
  });
  return { world, membership, requestId };
}

// Runs `change` stopped just before it commits, starts `racing` meanwhile,
// then lets both finish.
async function race<T>(organizationId: string, change: () => Promise<unknown>, racing: () => Promise<T>) {
  const chain = await holdAuditChain(organizationId);
  try {
    const changed = change();
    await waitForLockWaiters(1);
    const raced = racing().catch((e: unknown) => toActionError(e));
    await waitForLockWaiters(2);
    await chain.release();
    return { changed: await changed, raced: await raced };
  } finally {
    await chain.release();
  }
}

const status = async (requestId: string) => (await db().keyRequest.findUniqueOrThrow({ where: { id: requestId } })).status;

describe("deciding or revealing a request while roles or approvers change", () => {
  it("a decision waits for a demotion and is refused if it took the right to approve away", async () => {
    const { world, membership, requestId } = await pendingRequest();
    const { OWNER, SECURITY } = world.actors;
    const { changed, raced } = await race(
      world.organization.id,
      () => changeMemberRole({ actor: OWNER, input: { membershipId: membership("SECURITY"), role: "MEMBER" } }),
      () => decideKeyRequest({ actor: SECURITY, input: { requestId, decision: "approve" } }),
    );
    expect(changed).toEqual({ changed: true });
    expect(raced).toMatchObject({ code: "FORBIDDEN" });
    expect(await status(requestId)).toBe("PENDING");
  });

  it("a decision waits for a change of approvers and is refused if it named someone else", async () => {
    const { world, membership, requestId } = await pendingRequest();
    const { OWNER, SECURITY } = world.actors;
    const { changed, raced } = await race(
      world.organization.id,
      () => setNamedPeople({ actor: OWNER, input: { responsibility: "PRODUCTION_APPROVER", membershipIds: [membership("ADMIN")] } }),
      () => decideKeyRequest({ actor: SECURITY, input: { requestId, decision: "approve" } }),
    );
    expect(changed).toEqual({ changed: true });
    expect(raced).toMatchObject({ code: "FORBIDDEN" });
    expect(await status(requestId)).toBe("PENDING");
  });

  it("a reveal waits for a demotion and is refused if the requester lost the right to create keys", async () => {
    const { world, membership, requestId } = await pendingRequest();
    const { OWNER, SECURITY, ADMIN } = world.actors;
    await decideKeyRequest({ actor: SECURITY, input: { requestId, decision: "approve" } });
    const { changed, raced } = await race(
      world.organization.id,
      () => changeMemberRole({ actor: OWNER, input: { membershipId: membership("ADMIN"), role: "MEMBER" } }),
      () => revealKeyRequest({ actor: ADMIN, input: { requestId } }),
    );
    expect(changed).toEqual({ changed: true });
    expect(raced).toMatchObject({ code: "FORBIDDEN" });
    expect(await db().secretKey.count({ where: { organizationId: world.organization.id } })).toBe(0);
  });
});
