import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { renameKey } from "@/lib/keys/rename-key";
import { createKeyFixture, createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { holdAuditChain } from "@/lib/testing/lock-waits";

describe("an audit event's time", () => {
  it("is taken once the event holds the organization's chain, so times follow the sequence", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const key = await createKeyFixture(actors.OWNER);
    const chain = await holdAuditChain(organization.id);
    const rename = renameKey({ actor: actors.OWNER, input: { keyId: key.id, name: "renamed while the chain was held" } });
    // Long enough that a time taken before the wait shows as before the release.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const releasedAt = Date.now();
    await chain.release();
    await rename;
    const event = await db().auditEvent.findFirstOrThrow({ where: { organizationId: organization.id, action: "key.renamed" } });
    expect(event.createdAt.getTime()).toBeGreaterThanOrEqual(releasedAt);
  });
});
