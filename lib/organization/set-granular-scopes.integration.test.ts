import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { type AppError } from "@/lib/errors";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { setGranularScopes } from "./set-granular-scopes";

describe("setGranularScopes", () => {
  it("lets the owner turn per-scope keys on and off, recording each change once", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    await setGranularScopes({ actor: actors.OWNER, input: { enabled: true } });
    await setGranularScopes({ actor: actors.OWNER, input: { enabled: true } });
    expect((await db().organization.findUniqueOrThrow({ where: { id: organization.id } })).granularScopes).toBe(true);
    await setGranularScopes({ actor: actors.OWNER, input: { enabled: false } });
    const actions = (await db().auditEvent.findMany({ where: { organizationId: organization.id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["organization.granular_scopes_enabled", "organization.granular_scopes_disabled"]);
  });

  it.each(["ADMIN", "SECURITY", "MEMBER"] as const)("refuses %s", async (role) => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const error = await setGranularScopes({ actor: actors[role], input: { enabled: true } }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("FORBIDDEN");
    expect((await db().organization.findUniqueOrThrow({ where: { id: organization.id } })).granularScopes).toBe(false);
  });

  it("refuses input that is not a boolean", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    await expect(setGranularScopes({ actor: actors.OWNER, input: { enabled: "yes" } })).rejects.toThrow();
  });
});
