import { beforeAll, describe, expect, it } from "vitest";
import { toActionError } from "@/lib/action-result";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { parseAuditQuery } from "@/lib/audit/audit-query";
import type { Actor } from "@/lib/auth/actor";
import { latestIncidentForKey, notifyStep, replaceStep, reviewStep, revokeStep, updateAppsStep } from "@/lib/incidents/incident-step-actions";
import { openIncident } from "@/lib/incidents/open-incident";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey, deleteKeys } from "@/lib/keys/delete-key";
import { getKeyWithHistory } from "@/lib/keys/get-key";
import { listKeys } from "@/lib/keys/list-keys";
import { parseListKeysQuery } from "@/lib/keys/list-keys-query";
import { renameKey } from "@/lib/keys/rename-key";
import { rotateKey } from "@/lib/keys/rotate-key";
import { addMember } from "@/lib/members/add-member";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { tableSnapshot } from "@/lib/testing/fuzz-db";
import { retryWebhookDelivery, setWebhookEndpoint } from "@/lib/webhooks/webhook-endpoint";

// Found by the property-based fuzz (*.fuzz.*.test.ts). PostgreSQL refuses a
// NUL in text, and Prisma a lone surrogate (half of a UTF-16 pair, which
// JSON can spell "\ud800") in any query parameter. A server action that
// carried either to a query failed with "Something went wrong" (a 500); each
// is now refused by the input's schema with a message, before any query.

let owner: Actor;
let keyId: string;
let incidentId: string;

beforeAll(async () => {
  await useFreshDatabase();
  owner = (await createOrganizationWithAllRoles()).actors.OWNER;
  const newKey = async (name: string) =>
    (await createKey({ actor: owner, input: { name, environment: "DEVELOPMENT", permission: "FULL", expiresInDays: "never" } })).key.id;
  keyId = await newKey("target");
  ({ incidentId } = await openIncident({ actor: owner, keyId: await newKey("leaked") }));
  await revokeStep({ actor: owner, incidentId });
  await replaceStep({ actor: owner, incidentId, input: { skipReason: "Nothing used it." } });
  await updateAppsStep({ actor: owner, incidentId, input: { entries: [] } });
  await reviewStep({ actor: owner, incidentId, input: { from: "1970-01-01", to: new Date().toISOString().slice(0, 10), suspicious: 0 } });
});

const cases: [string, () => Promise<unknown>][] = [
  ['rename to a name ending in a lone surrogate ("0\\ud800")', () => renameKey({ actor: owner, input: { keyId, name: "0\ud800" } })],
  ["rotate a key id holding a NUL byte", () => rotateKey({ actor: owner, input: { keyId: "\u0000", grace: "now" } })],
  ["delete a key id holding a NUL byte", () => deleteKey({ actor: owner, input: { keyId: "a\u0000b" } })],
  ["bulk-delete a key id holding a NUL byte", () => deleteKeys({ actor: owner, input: { keyIds: ["\u0000"] } })],
  ["report compromised a key id ending in a lone surrogate", () => openIncident({ actor: owner, keyId: "x\ud83d" })],
  ["run a wizard step on an incident id holding a NUL byte", () => revokeStep({ actor: owner, incidentId: "\u0000" })],
  ["name a replacement with a lone surrogate", () => replaceStep({ actor: owner, incidentId, input: { name: "a\ud800" } })],
  ["notify the team with a NUL byte in the message", () => notifyStep({ actor: owner, incidentId, input: { message: "rotate\u0000now" } })],
  ["notify the team with a lone surrogate in the message", () => notifyStep({ actor: owner, incidentId, input: { message: "x\ud83d" } })],
  [
    "add a member named with a lone surrogate",
    () => addMember({ actor: owner, input: { name: "A\ud800", email: "new@example.test", role: "MEMBER", password: "a long first password" } }),
  ],
  ["set a webhook URL holding a NUL byte", () => setWebhookEndpoint({ actor: owner, input: { url: "https://example.com/\u0000" } })],
  ["retry a delivery id holding a NUL byte", () => retryWebhookDelivery({ actor: owner, input: { deliveryId: "\u0000" } })],
];

describe("text a query cannot carry", () => {
  it.each(cases)("%s: refused as invalid input, no row written", async (_attack, call) => {
    const before = await tableSnapshot();
    const error = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(toActionError(error).code).toBe("INVALID_INPUT");
    expect(await tableSnapshot()).toEqual(before);
  });

  it("a key search for a NUL byte (?q=%00) lists every key instead of failing the page", async () => {
    const query = parseListKeysQuery({ q: "\u0000" });
    expect(query.q).toBe("");
    expect((await listKeys(owner.organizationId, query)).total.count).toBe(1);
  });

  it("an audit log filter holding a NUL byte (?actor=%00, ?key=%00) is dropped instead of failing the page", async () => {
    const query = parseAuditQuery({ actor: "\u0000", key: "a\u0000" });
    expect(query).toMatchObject({ actor: undefined, key: undefined });
    expect((await listAuditEvents(owner.organizationId, query)).total).toBeGreaterThan(0);
  });

  it("a key page or incident report at /settings/secret-keys/%00 is not found, not a failure", async () => {
    for (const id of ["\u0000", "x\ud83d"]) {
      expect(await getKeyWithHistory(owner.organizationId, id, { withAuditHistory: true })).toBeNull();
      expect(await latestIncidentForKey(owner.organizationId, id)).toBeNull();
    }
  });
});
