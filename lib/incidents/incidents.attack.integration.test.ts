import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey } from "@/lib/keys/delete-key";
import { rotateKey } from "@/lib/keys/rotate-key";
import { setGranularScopes } from "@/lib/organization/set-granular-scopes";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { closeStep, notifyStep, replaceStep, reviewStep, revokeStep, updateAppsStep } from "./incident-step-actions";
import { INCIDENT_STEPS, type IncidentStepId } from "./incident-steps";
import { openIncident } from "./open-incident";

type Org = Awaited<ReturnType<typeof createOrganizationWithAllRoles>>;

async function orgWithKey(name = "Production inference key") {
  const org = await createOrganizationWithAllRoles();
  const { key } = await createKey({ actor: org.actors.OWNER, input: { name, environment: "PRODUCTION", permission: "FULL", expiresInDays: "never" } });
  return { ...org, key };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return error instanceof AppError ? error.code : error === null ? "OK" : `unexpected: ${String(error)}`;
}

const liveKeys = (organizationId: string) => db().secretKey.count({ where: { organizationId, deletedAt: null } });

// Every wizard step as a call, with input that would be accepted.
const STEP_CALLS: Record<IncidentStepId, (actor: Actor, incidentId: string) => Promise<unknown>> = {
  revoke: (actor, incidentId) => revokeStep({ actor, incidentId }),
  replace: (actor, incidentId) => replaceStep({ actor, incidentId, input: { name: `Replacement ${Math.random()}` } }),
  update_apps: (actor, incidentId) => updateAppsStep({ actor, incidentId, input: { entries: [] } }),
  review: (actor, incidentId) => reviewStep({ actor, incidentId, input: { from: "2020-01-01", to: new Date().toISOString().slice(0, 10), suspicious: 0 } }),
  notify: (actor, incidentId) => notifyStep({ actor, incidentId, input: { message: "Switch to the replacement." } }),
  close: (actor, incidentId) => closeStep({ actor, incidentId }),
};

async function snapshot(org: Org) {
  const organizationId = org.organization.id;
  return {
    keys: await db().secretKey.count({ where: { organizationId } }),
    liveKeys: await liveKeys(organizationId),
    incidents: await db().incident.count({ where: { organizationId } }),
    steps: await db().incidentStep.count({ where: { incident: { organizationId } } }),
  };
}

const ROLES: Role[] = ["OWNER", "ADMIN", "SECURITY", "MEMBER"];
const ACTIONS = ["open", ...INCIDENT_STEPS] as const;
const CASES = ROLES.flatMap((role) => ACTIONS.flatMap((action) => (["own", "other"] as const).map((org) => [role, action, org] as const)));

describe("every role x every wizard step x own or other organization", () => {
  it.each(CASES)("%s, %s, %s organization", async (role, action, whose) => {
    const victim = await orgWithKey();
    const stranger = whose === "other" ? await createOrganizationWithAllRoles() : null;
    const actor = (stranger ?? victim).actors[role];
    let incidentId = "";
    if (action !== "open") {
      incidentId = (await openIncident({ actor: victim.actors.OWNER, keyId: victim.key.id })).incidentId;
      for (const step of INCIDENT_STEPS.slice(0, INCIDENT_STEPS.indexOf(action))) await STEP_CALLS[step](victim.actors.OWNER, incidentId);
    }
    const before = [await snapshot(victim), stranger && (await snapshot(stranger))];
    const code = await codeOf(action === "open" ? openIncident({ actor, keyId: victim.key.id }) : STEP_CALLS[action](actor, incidentId));

    const mayRun = role === "OWNER" || role === "SECURITY";
    const expected = !mayRun ? "FORBIDDEN" : whose === "other" ? "NOT_FOUND" : "OK";
    expect(code).toBe(expected);
    if (expected !== "OK") expect([await snapshot(victim), stranger && (await snapshot(stranger))]).toEqual(before);
  });
});

describe("a security lead cannot mint keys with the wizard", () => {
  it("an already deleted key opens no incident", async () => {
    const org = await orgWithKey();
    await deleteKey({ actor: org.actors.ADMIN, input: { keyId: org.key.id } });
    const before = await snapshot(org);
    expect(await codeOf(openIncident({ actor: org.actors.SECURITY, keyId: org.key.id }))).toBe("CONFLICT");
    expect(await snapshot(org)).toEqual(before);
  });

  it("an expired key opens no incident", async () => {
    const org = await orgWithKey();
    await db().secretKey.update({ where: { id: org.key.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await codeOf(openIncident({ actor: org.actors.SECURITY, keyId: org.key.id }))).toBe("CONFLICT");
    expect(await db().incident.count({ where: { organizationId: org.organization.id } })).toBe(0);
  });

  it("a key revoked by one incident cannot open another, so the number of live keys never grows", async () => {
    const org = await orgWithKey();
    const lead = org.actors.SECURITY;
    const liveBefore = await liveKeys(org.organization.id);
    const { incidentId } = await openIncident({ actor: lead, keyId: org.key.id });
    for (const step of INCIDENT_STEPS) await STEP_CALLS[step](lead, incidentId);
    expect(await liveKeys(org.organization.id)).toBe(liveBefore);
    expect(await codeOf(openIncident({ actor: lead, keyId: org.key.id }))).toBe("CONFLICT");
    // Replaying the closed incident's replace step does nothing either.
    expect(await replaceStep({ actor: lead, incidentId, input: { name: "Another one" } })).toEqual({ alreadyDone: true });
    expect(await liveKeys(org.organization.id)).toBe(liveBefore);
  });

  it.each([
    [
      "deleted by an admin",
      async (org: Awaited<ReturnType<typeof orgWithKey>>) => void (await deleteKey({ actor: org.actors.ADMIN, input: { keyId: org.key.id } })),
    ],
    [
      "expired",
      async (org: Awaited<ReturnType<typeof orgWithKey>>) =>
        void (await db().secretKey.update({ where: { id: org.key.id }, data: { expiresAt: new Date(Date.now() - 1_000) } })),
    ],
  ])("an incident opened ahead of time gets no replacement for a key %s before the lead revoked it", async (_label, retire) => {
    const org = await orgWithKey();
    const lead = org.actors.SECURITY;
    const { incidentId } = await openIncident({ actor: lead, keyId: org.key.id });
    await retire(org);
    const liveAfterRetiring = await liveKeys(org.organization.id);
    await revokeStep({ actor: lead, incidentId });
    expect(await codeOf(STEP_CALLS.replace(lead, incidentId))).toBe("CONFLICT");
    expect(await liveKeys(org.organization.id)).toBeLessThanOrEqual(liveAfterRetiring);
    // An owner, who may create keys anyway, can still have the wizard make one.
    expect(await codeOf(STEP_CALLS.replace(org.actors.OWNER, incidentId))).toBe("OK");
  });

  it("racing replacements after the lead revoked a live key make exactly one", async () => {
    const org = await orgWithKey();
    const lead = org.actors.SECURITY;
    const liveBefore = await liveKeys(org.organization.id);
    const { incidentId } = await openIncident({ actor: lead, keyId: org.key.id });
    await revokeStep({ actor: lead, incidentId });
    await Promise.all(Array.from({ length: 3 }, () => STEP_CALLS.replace(lead, incidentId)));
    expect(await liveKeys(org.organization.id)).toBe(liveBefore);
  });

  it("a replacement or a rotation keeps a narrow key's scopes after per-scope keys are turned off", async () => {
    const org = await createOrganizationWithAllRoles();
    await setGranularScopes({ actor: org.actors.OWNER, input: { enabled: true } });
    const narrow = () =>
      createKey({
        actor: org.actors.ADMIN,
        input: { name: `Dataset reader ${Math.random()}`, environment: "PRODUCTION", permission: "READ_ONLY", scopes: ["DATASET"], expiresInDays: "never" },
      });
    const [forIncident, forRotation] = [await narrow(), await narrow()];
    await setGranularScopes({ actor: org.actors.OWNER, input: { enabled: false } });

    const lead = org.actors.SECURITY;
    const { incidentId } = await openIncident({ actor: lead, keyId: forIncident.key.id });
    await revokeStep({ actor: lead, incidentId });
    const replaced = await replaceStep({ actor: lead, incidentId, input: { name: "Replacement" } });
    const rotated = await rotateKey({ actor: org.actors.ADMIN, input: { keyId: forRotation.key.id, grace: "now" } });
    const successorScopes = async (id: string) => (await db().secretKey.findUniqueOrThrow({ where: { id } })).scopes;
    expect(await successorScopes((replaced as { result: { key: { id: string } } }).result.key.id)).toEqual(["DATASET"]);
    expect(await successorScopes(rotated.key.id)).toEqual(["DATASET"]);
  });

  it("a rotated key's incident uses its successor as the replacement, never a new key", async () => {
    const org = await orgWithKey();
    await rotateKey({ actor: org.actors.ADMIN, input: { keyId: org.key.id, grace: "24h" } });
    const liveBefore = await liveKeys(org.organization.id);
    const lead = org.actors.SECURITY;
    const { incidentId } = await openIncident({ actor: lead, keyId: org.key.id });
    await revokeStep({ actor: lead, incidentId });
    expect(await codeOf(STEP_CALLS.replace(lead, incidentId))).toBe("CONFLICT");
    expect(await liveKeys(org.organization.id)).toBe(liveBefore - 1);
    expect(await replaceStep({ actor: lead, incidentId, input: { skipReason: "Its successor replaces it." } })).toMatchObject({ alreadyDone: false });
  });
});
