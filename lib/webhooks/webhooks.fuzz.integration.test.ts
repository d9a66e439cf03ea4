import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { setGranularScopes } from "@/lib/organization/set-granular-scopes";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { fieldsOf, hostileString, orAnything } from "@/lib/testing/fuzz";
import { fuzzRefusals } from "@/lib/testing/fuzz-db";
import { idLike } from "@/lib/testing/fuzz-schema";
import { webhookEventsFields, webhookUrlFields } from "@/lib/testing/input-arbitraries";
import { retryWebhookDelivery, setWebhookEndpoint, setWebhookEvents } from "./webhook-endpoint";

let owner: Actor;
let deliveryIds: fc.Arbitrary<string>;

beforeAll(async () => {
  await useFreshDatabase();
  const fixture = await createOrganizationWithAllRoles();
  owner = fixture.actors.OWNER;
  const failed = (organizationId: string) =>
    db().webhookDelivery.create({ data: { organizationId, event: "key.created", payload: {}, status: "failed", attempts: 5, nextAttemptAt: null } });
  const ours = await Promise.all([failed(fixture.organization.id), failed(fixture.organization.id)]);
  const theirs = await failed((await createOrganizationWithAllRoles()).organization.id);
  deliveryIds = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ours, theirs).map((delivery) => delivery.id) }, idLike, hostileString);
});

const both = (seen: { accepted: number; refused: number }) => expect(Math.min(seen.accepted, seen.refused)).toBeGreaterThan(0);

describe("organization settings, fuzzed", () => {
  it("setWebhookEvents before any URL is set, then setWebhookEndpoint, then setWebhookEvents", async () => {
    const noUrlYet = await fuzzRefusals(orAnything(webhookEventsFields), (input) => setWebhookEvents({ actor: owner, input }), 30);
    expect(noUrlYet.accepted).toBe(0);
    both(await fuzzRefusals(orAnything(webhookUrlFields), (input) => setWebhookEndpoint({ actor: owner, input })));
    both(await fuzzRefusals(orAnything(webhookEventsFields), (input) => setWebhookEvents({ actor: owner, input })));
  });

  it("retryWebhookDelivery", async () => {
    both(await fuzzRefusals(orAnything(fieldsOf({ deliveryId: deliveryIds })), (input) => retryWebhookDelivery({ actor: owner, input })));
  });

  it("setGranularScopes", async () => {
    const enabled = fc.oneof(fc.boolean(), fc.constantFrom("true", 1, null));
    both(await fuzzRefusals(orAnything(fieldsOf({ enabled })), (input) => setGranularScopes({ actor: owner, input })));
  });
});
