import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { approverPool } from "@/lib/key-requests/approvers";
import { setProductionApproval } from "@/lib/organization/set-production-approval";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { holdAuditChain, waitForLockWaiters } from "@/lib/testing/lock-waits";
import { changeMemberRole, removeMember } from "./change-member";

beforeAll(async () => {
  await useFreshDatabase();
});

// While production keys need approval, nobody approves their own request:
// a role change or a removal that leaves fewer than two people who can
// approve would lock every production key request for good.
async function twoOwners() {
  const { organization, actors } = await createOrganizationWithAllRoles();
  const second = await db().membership.findFirstOrThrow({ where: { organizationId: organization.id, userId: actors.ADMIN.userId } });
  await changeMemberRole({ actor: actors.OWNER, input: { membershipId: second.id, role: "OWNER" } });
  return { organization, owner: actors.OWNER, second };
}

const approvalsOn = async (organizationId: string) =>
  (await db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { requireProductionApproval: true } })).requireProductionApproval;
const pool = (organizationId: string) => db().$transaction((tx) => approverPool(tx, organizationId));

describe("member changes while approvals for production keys are required", () => {
  it("refuse to demote one of the last two people who can approve, changing nothing", async () => {
    const { organization, owner, second } = await twoOwners();
    await setProductionApproval({ actor: owner, input: { enabled: true } });
    await expect(changeMemberRole({ actor: owner, input: { membershipId: second.id, role: "MEMBER" } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/two people/),
    });
    expect((await db().membership.findUniqueOrThrow({ where: { id: second.id } })).role).toBe("OWNER");
    expect(
      await db().auditEvent.count({ where: { organizationId: organization.id, action: "member.role_changed", details: { path: ["to"], equals: "MEMBER" } } }),
    ).toBe(0);
  });

  it("refuse to remove one of the last two people who can approve, changing nothing", async () => {
    const { organization, owner, second } = await twoOwners();
    await setProductionApproval({ actor: owner, input: { enabled: true } });
    await expect(removeMember({ actor: owner, input: { membershipId: second.id } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().membership.count({ where: { id: second.id } })).toBe(1);
    expect(await pool(organization.id)).toBe(2);
  });

  it("allow both once approvals are off", async () => {
    const { owner, second } = await twoOwners();
    expect(await changeMemberRole({ actor: owner, input: { membershipId: second.id, role: "MEMBER" } })).toEqual({ changed: true });
    expect(await removeMember({ actor: owner, input: { membershipId: second.id } })).toMatchObject({ keysHandedOver: 0 });
  });

  it("still allow changes that do not make an organization already below two worse", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    await db().organization.update({ where: { id: organization.id }, data: { requireProductionApproval: true } });
    const member = await db().membership.findFirstOrThrow({ where: { organizationId: organization.id, userId: actors.MEMBER.userId } });
    expect(await changeMemberRole({ actor: actors.OWNER, input: { membershipId: member.id, role: "SECURITY" } })).toEqual({ changed: true });
  });

  it("racing the switch, never leave approvals on with one approver, and never fail with an internal error", async () => {
    for (let round = 0; round < 6; round++) {
      const { organization, owner, second } = await twoOwners();
      const results = await Promise.allSettled([
        setProductionApproval({ actor: owner, input: { enabled: true } }),
        changeMemberRole({ actor: owner, input: { membershipId: second.id, role: "MEMBER" } }),
      ]);
      for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "CONFLICT" });
      expect(results.some((result) => result.status === "fulfilled")).toBe(true);
      if (await approvalsOn(organization.id)) expect(await pool(organization.id)).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("the organization lock of member and approval changes", () => {
  it("never holds back a row that merely references the organization (here a key) while the approvals switch holds it", async () => {
    const { organization, owner } = await twoOwners();
    // The approvals switch is stopped just before it commits, holding the organization's row.
    const chain = await holdAuditChain(organization.id);
    try {
      const switching = setProductionApproval({ actor: owner, input: { enabled: true } });
      await waitForLockWaiters(1);
      // With FOR UPDATE, this insert's foreign key would wait for the switch;
      // an audit event's insert, holding the audit lock the switch waits
      // for, would then never finish.
      const inserted = db().$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL lock_timeout = '5s'`;
        return tx.secretKey.create({
          data: {
            organizationId: organization.id,
            name: "inserted meanwhile",
            environment: "DEVELOPMENT",
            scopes: ["DATASET"],
            permission: "FULL",
            hash: randomBytes(16).toString("hex"),
            displayPrefix: "skml_dev_abcd",
            lastFour: "wxyz",
          },
        });
      });
      await expect(inserted).resolves.toMatchObject({ organizationId: organization.id });
      await chain.release();
      expect(await switching).toEqual({ changed: true });
    } finally {
      await chain.release();
    }
  });
});
