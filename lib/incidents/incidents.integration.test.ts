import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createKey } from "@/lib/keys/create-key";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { closeStep, latestIncidentForKey, notifyStep, replaceStep, reviewStep, revokeStep, updateAppsStep } from "./incident-step-actions";
import { openIncident } from "./open-incident";

async function setup() {
  const fixture = await createOrganizationWithAllRoles();
  const { key } = await createKey({
    actor: fixture.actors.OWNER,
    input: { name: "Leaked training key", environment: "CI_CD", permission: "READ_ONLY", expiresInDays: "never" },
  });
  await db().keyActivity.createMany({
    data: [
      {
        keyId: key.id,
        organizationId: fixture.organization.id,
        firstSeenAt: new Date(Date.now() - 3_600_000),
        lastSeenAt: new Date(Date.now() - 60_000),
        ipAddress: "10.0.0.5",
        userAgent: "ci-runner/1",
        scope: "DATASET",
        action: "read",
        outcome: "ALLOWED",
        requestCount: 40,
      },
    ],
  });
  return { ...fixture, key };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("compromise response", () => {
  it("runs every step once, in order, recording actor and time, and leaves a valid audit chain", async () => {
    const { organization, actors, key } = await setup();
    const actor = actors.SECURITY;
    const { incidentId } = await openIncident({ actor, keyId: key.id });
    expect(await openIncident({ actor: actors.OWNER, keyId: key.id })).toEqual({ incidentId });

    expect((await errorOf(replaceStep({ actor, incidentId, input: { name: "Replacement" } }))).message).toMatch(/Revoke the key now/);
    await revokeStep({ actor, incidentId });
    expect((await db().secretKey.findUniqueOrThrow({ where: { id: key.id } })).deletedAt).not.toBeNull();

    const replaced = await replaceStep({ actor, incidentId, input: { name: "Leaked training key (replacement)" } });
    expect(replaced.alreadyDone).toBe(false);
    const created = (replaced as { result: { key: { id: string; environment: string; permission: string }; secret: string } }).result;
    expect(created.key).toMatchObject({ environment: "CI_CD", permission: "READ_ONLY" });
    expect(created.secret).toMatch(/^skml_ci_/);

    const incomplete = await errorOf(updateAppsStep({ actor, incidentId, input: { entries: [] } }));
    expect(incomplete.message).toMatch(/1 left \(first: 10\.0\.0\.5\)/);
    await updateAppsStep({ actor, incidentId, input: { entries: [{ ipAddress: "10.0.0.5", userAgent: "ci-runner/1", updated: true }] } });
    const today = new Date().toISOString().slice(0, 10);
    const reviewedAt = new Date();
    await reviewStep({ actor, incidentId, input: { from: "2020-01-01", to: today, suspicious: 0 }, now: reviewedAt });
    // The window recorded ends at the moment of review, after the revocation it covers.
    const review = await db().incidentStep.findFirstOrThrow({ where: { incidentId, step: "review" } });
    expect(review.details).toMatchObject({ from: "2020-01-01T00:00:00.000Z", to: reviewedAt.toISOString() });
    await notifyStep({ actor, incidentId, input: { message: "Rotate your CI secret now." } });
    expect(await db().notification.count({ where: { organizationId: organization.id, title: { contains: "was compromised" } } })).toBe(4);
    expect(await db().notification.count({ where: { organizationId: organization.id, title: { contains: "reported compromised" } } })).toBe(4);
    await closeStep({ actor, incidentId });

    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId }, include: { steps: { orderBy: { createdAt: "asc" } } } });
    expect(incident).toMatchObject({ status: "CLOSED", openKeyId: null, replacementKeyId: created.key.id });
    expect(incident.steps.map((s) => [s.step, s.actorUserId])).toEqual(
      ["revoke", "replace", "update_apps", "review", "notify", "close"].map((step) => [step, actor.userId]),
    );
    expect(await verifyAuditChain(organization.id)).toMatchObject({ ok: true });
    // The key it revoked cannot open another incident (or make another replacement).
    expect((await errorOf(openIncident({ actor, keyId: key.id }))).code).toBe("CONFLICT");
  });

  it("creates exactly one replacement under a double submit, and a retry finds the step done", async () => {
    const { actors, key } = await setup();
    const actor = actors.OWNER;
    const { incidentId } = await openIncident({ actor, keyId: key.id });
    await Promise.all([revokeStep({ actor, incidentId }), revokeStep({ actor, incidentId })]);
    const results = await Promise.all(Array.from({ length: 5 }, () => replaceStep({ actor, incidentId, input: { name: "Only one replacement" } })));
    expect(results.filter((r) => !r.alreadyDone)).toHaveLength(1);
    expect(await db().secretKey.count({ where: { name: "Only one replacement" } })).toBe(1);
    expect(await replaceStep({ actor, incidentId, input: { name: "Only one replacement" } })).toEqual({ alreadyDone: true });
    expect(await db().incidentStep.count({ where: { incidentId } })).toBe(2);
  });

  it("resumes where it stopped: a new call after a crash sees what was committed", async () => {
    const { actors, key } = await setup();
    const { incidentId } = await openIncident({ actor: actors.OWNER, keyId: key.id });
    await revokeStep({ actor: actors.OWNER, incidentId });
    // (the server dies here) a second lead opens the wizard again
    expect(await openIncident({ actor: actors.SECURITY, keyId: key.id })).toEqual({ incidentId });
    expect(await revokeStep({ actor: actors.SECURITY, incidentId })).toEqual({ alreadyDone: true });
    const skipped = await replaceStep({ actor: actors.SECURITY, incidentId, input: { skipReason: "The job is being retired." } });
    expect(skipped).toEqual({ alreadyDone: false, result: null });
    const step = await db().incidentStep.findFirstOrThrow({ where: { incidentId, step: "replace" } });
    expect(step.details).toEqual({ skipped: true, reason: "The job is being retired." });
  });

  it.each(["ADMIN", "MEMBER"] as const)("refuses %s at every step, changing nothing", async (role) => {
    const { actors, key } = await setup();
    expect((await errorOf(openIncident({ actor: actors[role], keyId: key.id }))).code).toBe("FORBIDDEN");
    const { incidentId } = await openIncident({ actor: actors.OWNER, keyId: key.id });
    expect((await errorOf(revokeStep({ actor: actors[role], incidentId }))).code).toBe("FORBIDDEN");
    expect((await db().secretKey.findUniqueOrThrow({ where: { id: key.id } })).deletedAt).toBeNull();
  });

  it("refuses another organization's key and incident", async () => {
    const victim = await setup();
    const attacker = await createOrganizationWithAllRoles();
    expect((await errorOf(openIncident({ actor: attacker.actors.OWNER, keyId: victim.key.id }))).code).toBe("NOT_FOUND");
    const { incidentId } = await openIncident({ actor: victim.actors.OWNER, keyId: victim.key.id });
    expect((await errorOf(revokeStep({ actor: attacker.actors.OWNER, incidentId }))).code).toBe("NOT_FOUND");
    // The summary and activity exports look incidents up the same scoped way.
    expect(await latestIncidentForKey(attacker.organization.id, victim.key.id)).toBeNull();
    expect((await latestIncidentForKey(victim.organization.id, victim.key.id))?.id).toBe(incidentId);
    expect((await db().secretKey.findUniqueOrThrow({ where: { id: victim.key.id } })).deletedAt).toBeNull();
  });
});
