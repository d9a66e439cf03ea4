import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { fieldsOf, fuzzOptions, hostileString, orAnything } from "@/lib/testing/fuzz";
import { fuzzRefusals } from "@/lib/testing/fuzz-db";
import { idLike, nameLike } from "@/lib/testing/fuzz-schema";
import { createKeyFields, descriptionLike, searchParams, teamLike } from "@/lib/testing/input-arbitraries";
import type { Actor } from "@/lib/auth/actor";
import { createKey } from "./create-key";
import { deleteKey, deleteKeys } from "./delete-key";
import { getKeyWithHistory } from "./get-key";
import { KEY_SORT_COLUMNS } from "./list-keys-query";
import { listKeys } from "./list-keys";
import { parseListKeysQuery } from "./list-keys-query";
import { renameKey } from "./rename-key";
import { rotateKey } from "./rotate-key";
import { ROTATION_GRACE_PERIODS } from "./key-rotation";
import { updateKeyDetails } from "./update-key-details";

let owner: Actor;
// Ids a form could send: live keys, a rotated one, a deleted one, another organization's.
let keyIds: fc.Arbitrary<string>;
// Owners a form could send: members, another organization's member, odd ids.
let ownerIds: fc.Arbitrary<string>;

const newKey = (actor: Actor, name: string) => createKey({ actor, input: { name, environment: "STAGING", permission: "FULL", expiresInDays: "30" } });

beforeAll(async () => {
  await useFreshDatabase();
  const world = await createOrganizationWithAllRoles();
  owner = world.actors.OWNER;
  const other = (await createOrganizationWithAllRoles()).actors.OWNER;
  ownerIds = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...world.members.map((m) => m.userId), other.userId) }, idLike, hostileString);
  const live = await Promise.all(["alpha", "beta", "gamma", "delta", "epsilon", "zeta"].map((name) => newKey(owner, name)));
  const rotated = await newKey(owner, "rotated");
  await rotateKey({ actor: owner, input: { keyId: rotated.key.id, grace: "1h" } });
  const deleted = await newKey(owner, "deleted");
  await deleteKey({ actor: owner, input: { keyId: deleted.key.id } });
  const foreign = await newKey(other, "foreign");
  const known = [...live, rotated, deleted, foreign].map((created) => created.key.id);
  keyIds = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, idLike, hostileString);
});

// Each domain function, called as an owner with generated input: it succeeds,
// or refuses with AppError/ZodError and no row changed.
describe("key operations, fuzzed", () => {
  it("createKey", async () => {
    const seen = await fuzzRefusals(
      orAnything(createKeyFields(fc.oneof(nameLike, fc.constantFrom("alpha", "ALPHA ", "rotated", "deleted")))),
      (input) => createKey({ actor: owner, input }),
      150,
    );
    expect(seen.accepted).toBeGreaterThan(5);
    expect(seen.refused).toBeGreaterThan(5);
  });

  it("createKey with an owner, a team and a description", async () => {
    let n = 0;
    const settings = { environment: fc.constant("DEVELOPMENT"), permission: fc.constant("FULL"), expiresInDays: fc.constant("never") };
    const seen = await fuzzRefusals(
      orAnything(fieldsOf({ name: fc.constant(null).map(() => `owned ${n++}`), ...settings, ownerId: ownerIds, team: teamLike, description: descriptionLike })),
      (input) => createKey({ actor: owner, input }),
    );
    expect(seen.accepted).toBeGreaterThan(5);
    expect(seen.refused).toBeGreaterThan(5);
  });

  it("renameKey", async () => {
    const seen = await fuzzRefusals(orAnything(fieldsOf({ keyId: keyIds, name: fc.oneof(nameLike, fc.constantFrom("beta", "Gamma")) })), (input) =>
      renameKey({ actor: owner, input }),
    );
    expect(seen.accepted).toBeGreaterThan(5);
    expect(seen.refused).toBeGreaterThan(5);
  });

  it("updateKeyDetails", async () => {
    const seen = await fuzzRefusals(orAnything(fieldsOf({ keyId: keyIds, ownerId: ownerIds, team: teamLike, description: descriptionLike })), (input) =>
      updateKeyDetails({ actor: owner, input }),
    );
    expect(seen.accepted).toBeGreaterThan(5);
    expect(seen.refused).toBeGreaterThan(5);
  });

  it("rotateKey", async () => {
    const grace = fc.constantFrom(...ROTATION_GRACE_PERIODS, "30d");
    const seen = await fuzzRefusals(orAnything(fieldsOf({ keyId: keyIds, grace })), (input) => rotateKey({ actor: owner, input }));
    expect(seen.refused).toBeGreaterThan(5);
  });

  it("deleteKeys and deleteKey", async () => {
    const many = await fuzzRefusals(orAnything(fieldsOf({ keyIds: fc.array(keyIds, { maxLength: 4 }) })), (input) => deleteKeys({ actor: owner, input }));
    const one = await fuzzRefusals(orAnything(fieldsOf({ keyId: keyIds })), (input) => deleteKey({ actor: owner, input }));
    expect(many.accepted + one.accepted).toBeGreaterThan(0);
    expect(Math.min(many.refused, one.refused)).toBeGreaterThan(5);
  });

  it("getKeyWithHistory (the key page) never fails on any id in the URL", async () => {
    await fc.assert(
      fc.asyncProperty(keyIds, async (id) => {
        await getKeyWithHistory(owner.organizationId, id, { withAuditHistory: true });
      }),
      fuzzOptions(100),
    );
  });

  it("listKeys never fails on any URL parameters", async () => {
    const names = ["page", "pageSize", "sort", "dir", "q", "scope", "permission", "environment", "stale", "due", "owner", "group"];
    const values = fc.oneof(
      fc.nat().map(String),
      fc.constantFrom(...KEY_SORT_COLUMNS, "asc", "1", "DATASET", "FULL", "STAGING", "%", "_", "\\", "me", "none", owner.userId),
      hostileString,
    );
    await fc.assert(
      fc.asyncProperty(searchParams(names, values), async (params) => {
        await listKeys(owner.organizationId, parseListKeysQuery(params), new Date(), { viewerId: owner.userId });
      }),
      fuzzOptions(100),
    );
  });
});
