import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey } from "@/lib/keys/delete-key";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { fuzzOptions, hostileString, orAnything } from "@/lib/testing/fuzz";
import { fuzzRefusals } from "@/lib/testing/fuzz-db";
import { idLike, nameLike } from "@/lib/testing/fuzz-schema";
import { notifyFields, replaceStepFields, reviewFields, updateAppsFields } from "@/lib/testing/input-arbitraries";
import { setWebhookEndpoint } from "@/lib/webhooks/webhook-endpoint";
import { closeStep, latestIncidentForKey, notifyStep, replaceStep, reviewStep, revokeStep, updateAppsStep } from "./incident-step-actions";
import { INCIDENT_STEPS } from "./incident-steps";
import { openIncident } from "./open-incident";

let owner: Actor;
let keyIds: fc.Arbitrary<string>;
let incidentIds: fc.Arbitrary<string>;
let counter = 0;
const CLIENT = { ipAddress: "10.0.0.5", userAgent: "ci-runner/1" };

async function liveKey(actor: Actor) {
  const { key } = await createKey({ actor, input: { name: `key ${++counter}`, environment: "CI_CD", permission: "READ_ONLY", expiresInDays: "never" } });
  const at = new Date(Date.now() - 60_000);
  await db().keyActivity.create({
    data: {
      keyId: key.id,
      organizationId: actor.organizationId,
      firstSeenAt: at,
      lastSeenAt: at,
      ...CLIENT,
      scope: "DATASET",
      action: "read",
      outcome: "ALLOWED",
      requestCount: 3,
    },
  });
  return key.id;
}

// An incident with its first `done` steps completed.
async function incidentAt(actor: Actor, done: number) {
  const { incidentId } = await openIncident({ actor, keyId: await liveKey(actor) });
  const steps = [
    () => revokeStep({ actor, incidentId }),
    () => replaceStep({ actor, incidentId, input: { name: `replacement ${++counter}` } }),
    () => updateAppsStep({ actor, incidentId, input: { entries: [{ ...CLIENT, updated: true }] } }),
    () => reviewStep({ actor, incidentId, input: { from: "1970-01-01", to: new Date().toISOString().slice(0, 10), suspicious: 0 } }),
    () => notifyStep({ actor, incidentId, input: { message: "Rotate now." } }),
    () => closeStep({ actor, incidentId }),
  ];
  for (const step of steps.slice(0, done)) await step();
  return incidentId;
}

beforeAll(async () => {
  await useFreshDatabase();
  owner = (await createOrganizationWithAllRoles()).actors.OWNER;
  const other = (await createOrganizationWithAllRoles()).actors.OWNER;
  await setWebhookEndpoint({ actor: owner, input: { url: "https://hooks.example.com/secret-keys" } });
  const deleted = await liveKey(owner);
  await deleteKey({ actor: owner, input: { keyId: deleted } });
  keyIds = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(await liveKey(owner), await liveKey(owner), deleted, await liveKey(other)) },
    idLike,
    hostileString,
  );
  const incidents = [await incidentAt(other, 1)];
  // Two incidents waiting at each step, one finished.
  for (let done = 0; done < INCIDENT_STEPS.length; done++) incidents.push(await incidentAt(owner, done), await incidentAt(owner, done));
  incidents.push(await incidentAt(owner, INCIDENT_STEPS.length));
  incidentIds = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...incidents) }, idLike, hostileString);
});

const refusedAndAccepted = (seen: { accepted: number; refused: number }) => expect(Math.min(seen.accepted, seen.refused)).toBeGreaterThan(0);

describe("compromise response, fuzzed", () => {
  it("openIncident", async () => {
    refusedAndAccepted(await fuzzRefusals(orAnything(keyIds), (keyId) => openIncident({ actor: owner, keyId })));
  });

  it("revokeStep and closeStep", async () => {
    refusedAndAccepted(await fuzzRefusals(orAnything(incidentIds), (incidentId) => revokeStep({ actor: owner, incidentId })));
    refusedAndAccepted(await fuzzRefusals(orAnything(incidentIds), (incidentId) => closeStep({ actor: owner, incidentId })));
  });

  it("replaceStep", async () => {
    const input = orAnything(fc.oneof(replaceStepFields, fc.record({ name: fc.constantFrom("key 1", "KEY 2") })));
    refusedAndAccepted(await fuzzRefusals(fc.tuple(orAnything(incidentIds), input), ([incidentId, input]) => replaceStep({ actor: owner, incidentId, input })));
  });

  it("updateAppsStep", async () => {
    const seenClient = fc.record({
      ...Object.fromEntries(Object.entries(CLIENT).map(([k, v]) => [k, fc.constant(v)])),
      updated: fc.boolean(),
      note: fc.oneof(nameLike, hostileString),
    });
    const input = orAnything(
      fc.oneof(
        updateAppsFields,
        fc.array(seenClient, { minLength: 1, maxLength: 2 }).map((entries) => ({ entries })),
      ),
    );
    refusedAndAccepted(
      await fuzzRefusals(fc.tuple(orAnything(incidentIds), input), ([incidentId, input]) => updateAppsStep({ actor: owner, incidentId, input })),
    );
  });

  it("reviewStep and notifyStep", async () => {
    refusedAndAccepted(
      await fuzzRefusals(fc.tuple(orAnything(incidentIds), orAnything(reviewFields)), ([incidentId, input]) => reviewStep({ actor: owner, incidentId, input })),
    );
    refusedAndAccepted(
      await fuzzRefusals(fc.tuple(orAnything(incidentIds), orAnything(notifyFields)), ([incidentId, input]) => notifyStep({ actor: owner, incidentId, input })),
    );
  });

  it("latestIncidentForKey (the wizard, report and CSV pages) never fails on any key id in the URL", async () => {
    await fc.assert(
      fc.asyncProperty(keyIds, async (keyId) => {
        await latestIncidentForKey(owner.organizationId, keyId);
      }),
      fuzzOptions(100),
    );
  });
});
