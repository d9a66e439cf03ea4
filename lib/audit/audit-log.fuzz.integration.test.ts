import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import { createKey } from "@/lib/keys/create-key";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { fuzzOptions, hostileString } from "@/lib/testing/fuzz";
import { searchParams } from "@/lib/testing/input-arbitraries";
import { AUDIT_ACTIONS } from "./audit-actions";
import { parseAuditQuery } from "./audit-query";
import { allAuditEvents, listAuditEvents } from "./list-audit-events";

let organizationId: string;

beforeAll(async () => {
  const fixture = await createOrganizationWithAllRoles();
  organizationId = fixture.organization.id;
  await createKey({ actor: fixture.actors.OWNER, input: { name: "audited", environment: "DEVELOPMENT", permission: "FULL", expiresInDays: "never" } });
});

describe("audit log, fuzzed", () => {
  it("listing and exporting never fail on any URL parameters", async () => {
    const names = ["page", "actor", "action", "key", "from", "to"];
    const day = fc
      .date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const values = fc.oneof(fc.nat().map(String), day, fc.constantFrom(...AUDIT_ACTIONS, "0000-01-01", "9999-12-31", "2026-02-30", "skml_dev_"), hostileString);
    await fc.assert(
      fc.asyncProperty(searchParams(names, values), async (params) => {
        const query = parseAuditQuery(params);
        await listAuditEvents(organizationId, query);
        for await (const batch of allAuditEvents(organizationId, query)) void batch;
      }),
      fuzzOptions(150),
    );
  });
});
