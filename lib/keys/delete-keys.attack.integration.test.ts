import { beforeAll, describe, expect, it } from "vitest";
import { verifyOwnAuditChain } from "@/lib/audit/verify-audit-chain";
import { db } from "@/lib/db/client";
import { createKeyFixture, createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { raceBehindAuditChain } from "@/lib/testing/lock-waits";
import { deleteKeys } from "./delete-key";
import { renameKey } from "./rename-key";

// A database of this file's own: the races count the transactions waiting for a lock.
beforeAll(async () => {
  await useFreshDatabase();
});

describe("deleting several keys while one of them changes", () => {
  it("a rename of a later key waits for the deletion, never a deadlock", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const keys = [await createKeyFixture(actors.OWNER), await createKeyFixture(actors.OWNER)];
    const keyIds = keys.map((key) => key.id).sort();

    const { first: deletion, second: rename } = await raceBehindAuditChain(
      organization.id,
      () => deleteKeys({ actor: actors.OWNER, input: { keyIds } }),
      () => renameKey({ actor: actors.ADMIN, input: { keyId: keyIds[1], name: "Renamed meanwhile" } }),
    );

    expect(deletion.outcome).toBe("done");
    expect(rename.outcome).toBe("NOT_FOUND");
    expect(await db().secretKey.count({ where: { id: { in: keyIds }, deletedAt: null } })).toBe(0);
    expect((await verifyOwnAuditChain(actors.OWNER)).ok).toBe(true);
  });

  it("two deletions of the same keys in opposite orders: one deletes them, the other is told, never a deadlock", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const keyIds = [(await createKeyFixture(actors.OWNER)).id, (await createKeyFixture(actors.OWNER)).id];

    const { first, second } = await raceBehindAuditChain(
      organization.id,
      () => deleteKeys({ actor: actors.OWNER, input: { keyIds } }),
      () => deleteKeys({ actor: actors.ADMIN, input: { keyIds: [...keyIds].reverse() } }),
    );

    expect([first.outcome, second.outcome]).toEqual(["done", "NOT_FOUND"]);
    expect(await db().auditEvent.count({ where: { organizationId: organization.id, action: "key.deleted" } })).toBe(2);
    expect((await verifyOwnAuditChain(actors.OWNER)).ok).toBe(true);
  });
});
